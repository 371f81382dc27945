"""Job reads (selectors), one module per sub-domain: jobs.selectors.jobs, …"""
