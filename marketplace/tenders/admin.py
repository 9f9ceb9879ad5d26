"""Tenders in the admin: staff look (support, disputes); every change goes through the services,
so the admin writes nothing."""

from django.contrib import admin

from config.admin import ReadOnlyAdminMixin

from .models import BidInvitation, Engagement, Proposal, Question, Review


class TenderAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    date_hierarchy = "created_at"
    list_select_related = True


@admin.register(BidInvitation)
class BidInvitationAdmin(TenderAdmin):
    list_display = ("request", "vendor", "status", "created_at", "responded_at")
    list_filter = ("status",)
    search_fields = ("request__title", "vendor__name")


@admin.register(Question)
class QuestionAdmin(TenderAdmin):
    list_display = ("request", "vendor", "status", "created_at", "answered_at")
    list_filter = ("status",)
    search_fields = ("request__title", "text", "answer")


@admin.register(Proposal)
class ProposalAdmin(TenderAdmin):
    list_display = ("request", "vendor", "status", "price", "currency", "created_at")
    list_filter = ("status", "currency")
    search_fields = ("request__title", "vendor__name")


@admin.register(Engagement)
class EngagementAdmin(TenderAdmin):
    list_display = ("request", "company", "vendor", "status", "created_at", "completed_at")
    list_filter = ("status",)
    search_fields = ("request__title", "company__name", "vendor__name")


@admin.register(Review)
class ReviewAdmin(TenderAdmin):
    list_display = ("vendor", "company", "rating", "created_at", "replied_at")
    list_filter = ("rating",)
    search_fields = ("vendor__name", "company__name", "text")
