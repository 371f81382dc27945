from django.urls import path

from documents import views

app_name = "documents"

urlpatterns = [
    path("documents/", views.document_list, name="list"),
    path("documents/upload", views.document_upload, name="upload"),
    path("documents/status", views.document_statuses, name="statuses"),
    path("documents/<int:pk>/download", views.document_download, name="download"),
    path("documents/<int:pk>/rename", views.document_rename, name="rename"),
    path("documents/<int:pk>/default", views.document_make_default, name="default"),
    path("documents/<int:pk>/replace", views.document_replace, name="replace"),
    path("documents/<int:pk>/delete", views.document_delete, name="delete"),
]
