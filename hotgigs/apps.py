from django.apps import AppConfig


class HotgigsConfig(AppConfig):
    name = "hotgigs"
