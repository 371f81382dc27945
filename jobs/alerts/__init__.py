"""Job alert pages and admin ("save this search as an alert", the candidate's
alerts). The alert runner and saved_search_create are jobs.services.alerts."""
