from django.apps import AppConfig


class RecruitersConfig(AppConfig):
    name = "recruiters"
