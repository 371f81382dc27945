"""The "invite to apply" page an employer opens from a candidate's profile; the
service is jobs.services.invites."""
