"""Application pages and admin: apply, my applications, saved jobs, the pipeline
board, the team's application page and interviews. Models, services, selectors
and the API of applications stay with the rest of jobs, by kind
(jobs.models.applications, jobs.services.applications, …)."""
