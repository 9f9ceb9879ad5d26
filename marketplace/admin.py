"""Staff curation of the marketplace: reference data, vendors and their moderation, requests.

Moderation goes through `marketplace.services.vendors` (the same services the API calls), so the
admin never assigns `status`; django-auditlog records each change with the staff member who made
it (its middleware sets the actor for admin requests).
"""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.auth import get_permission_codename
from django.core.exceptions import ValidationError
from django.db import models
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import format_html
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from companies.admin import AuditTrailMixin
from companies.models import Membership
from config.admin import ReadOnlyAdminMixin
from config.errors import Conflict
from config.forms import LinesField

from .models import (
    Certification,
    ExchangeRate,
    MatchResult,
    MatchRun,
    OutsourcingRequest,
    PendingVendor,
    Sector,
    SectorRelation,
    Skill,
    Vendor,
    VendorExpertise,
)
from .services.matching.prose import (
    described_skills_refresh_queue,
    vendor_described_skills_refresh,
)
from .services.vendors import vendor_approve, vendor_suspend
from .templatetags.norte import money


class SectorRelationInline(admin.TabularInline):
    model = SectorRelation
    fk_name = "sector"
    fields = ("related", "strength")
    autocomplete_fields = ("related",)
    extra = 0


@admin.register(Sector)
class SectorAdmin(AuditTrailMixin, admin.ModelAdmin):
    inlines = (SectorRelationInline,)
    list_display = ("name", "slug", "name_es", "name_fr", "is_gambling")
    list_filter = ("is_gambling",)
    search_fields = ("name", "name_es", "name_fr", "slug")
    prepopulated_fields = {"slug": ("name",)}


@admin.register(Skill)
class SkillAdmin(AuditTrailMixin, admin.ModelAdmin):
    list_display = ("name", "slug", "sector", "name_es", "name_fr")
    list_filter = ("sector",)
    list_select_related = ("sector",)
    # The aliases are searched too, so staff find "Kubernetes" by typing "k8s".
    search_fields = ("name", "name_es", "name_fr", "slug", *Skill.ALIAS_FIELDS)
    prepopulated_fields = {"slug": ("name",)}

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name in Skill.ALIAS_FIELDS:
            return LinesField(
                label=capfirst(db_field.verbose_name), help_text=db_field.help_text, required=False
            )
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    # Vendors' descriptions are read with the skills' names and aliases (`described_skills`):
    # a skill written another way, added or removed means reading them all again.
    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if not change or set(form.changed_data) & {"slug", *Skill.PHRASE_FIELDS}:
            described_skills_refresh_queue()

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        described_skills_refresh_queue()

    def delete_queryset(self, request, queryset):
        super().delete_queryset(request, queryset)
        described_skills_refresh_queue()


@admin.register(Certification)
class CertificationAdmin(AuditTrailMixin, admin.ModelAdmin):
    list_display = ("name", "slug", "issuer", "name_es", "name_fr")
    list_filter = ("sectors",)
    search_fields = ("name", "name_es", "name_fr", "slug", "issuer")
    filter_horizontal = ("sectors",)
    prepopulated_fields = {"slug": ("name",)}


@admin.register(ExchangeRate)
class ExchangeRateAdmin(AuditTrailMixin, admin.ModelAdmin):
    list_display = ("currency", "rate_to_cad", "valid_from")
    list_filter = ("currency",)
    search_fields = ("currency",)
    date_hierarchy = "valid_from"


class SuspensionForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        widget=forms.Textarea(attrs={"rows": 4, "cols": 60}),
        help_text=_("The vendor's members see this reason."),
    )


class VendorModerationMixin:
    """The approve and suspend actions, shared by the vendor list and the moderation queue.

    Whoever may change vendors may moderate them. Approval is one click (the audit trail already
    says who approved and when); suspension asks for the reason on an intermediate page.
    """

    actions = ("approve_vendors", "suspend_vendors")
    suspension_template = "admin/marketplace/vendor/suspend_selected.html"

    def has_moderate_permission(self, request) -> bool:
        opts = Vendor._meta
        return request.user.has_perm(f"{opts.app_label}.{get_permission_codename('change', opts)}")

    @admin.action(description=_("Approve selected vendors"), permissions=["moderate"])
    def approve_vendors(self, request, queryset):
        approved, skipped = self._moderate(request, queryset, vendor_approve)
        if approved:
            self.message_user(
                request,
                ngettext("Approved %(count)d vendor.", "Approved %(count)d vendors.", len(approved))
                % {"count": len(approved)},
                messages.SUCCESS,
            )
        if skipped:
            self.message_user(
                request,
                ngettext(
                    "Skipped %(count)d vendor that was already approved: %(names)s.",
                    "Skipped %(count)d vendors that were already approved: %(names)s.",
                    len(skipped),
                )
                % {"count": len(skipped), "names": ", ".join(map(str, skipped))},
                messages.WARNING,
            )

    @admin.action(description=_("Suspend selected vendors…"), permissions=["moderate"])
    def suspend_vendors(self, request, queryset):
        # The first POST comes from the changelist's action bar; the intermediate page posts
        # back here with `apply` and the reason, carrying the selection and the action along.
        form = SuspensionForm(request.POST if "apply" in request.POST else None)
        if not form.is_valid():
            context = {
                **self.admin_site.each_context(request),
                "title": _("Suspend vendors"),
                "opts": self.model._meta,
                "queryset": queryset,
                "form": form,
                "action_name": "suspend_vendors",
                "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
                "media": self.media,
            }
            return TemplateResponse(request, self.suspension_template, context)
        reason = form.cleaned_data["reason"]
        suspended, skipped = self._moderate(request, queryset, vendor_suspend, reason=reason)
        if suspended:
            self.message_user(
                request,
                ngettext(
                    "Suspended %(count)d vendor.", "Suspended %(count)d vendors.", len(suspended)
                )
                % {"count": len(suspended)},
                messages.SUCCESS,
            )
        if skipped:
            self.message_user(
                request,
                ngettext(
                    "Skipped %(count)d vendor that was already suspended: %(names)s.",
                    "Skipped %(count)d vendors that were already suspended: %(names)s.",
                    len(skipped),
                )
                % {"count": len(skipped), "names": ", ".join(map(str, skipped))},
                messages.WARNING,
            )
        return None  # back to the list, with the messages

    def _moderate(self, request, queryset, service, **kwargs) -> tuple[list[Vendor], list[Vendor]]:
        """Apply `service` to each vendor; returns (changed, skipped because already there).
        A vendor the service refuses (an incomplete listing cannot be approved) stays as it
        was, with a message saying why."""
        changed, skipped = [], []
        for vendor in queryset:
            try:
                service(vendor=vendor, actor=request.user, **kwargs)
            except Conflict:
                skipped.append(vendor)
            except ValidationError as error:
                self.message_user(
                    request,
                    _("%(name)s was not changed: %(reasons)s")
                    % {"name": vendor.name, "reasons": " ".join(error.messages)},
                    messages.ERROR,
                )
            else:
                changed.append(vendor)
        return changed, skipped


class VendorExpertiseInline(admin.TabularInline):
    model = VendorExpertise
    fields = ("sector", "level", "years")
    extra = 0


class VendorMembershipInline(admin.TabularInline):
    model = Membership
    fk_name = "vendor"
    fields = ("user", "role", "created_at")
    readonly_fields = ("created_at",)
    autocomplete_fields = ("user",)
    extra = 0


@admin.register(Vendor)
class VendorAdmin(VendorModerationMixin, AuditTrailMixin, admin.ModelAdmin):
    # A website typed without a scheme is https (Django 6 default, explicit under 5.2).
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    inlines = (VendorExpertiseInline, VendorMembershipInline)
    list_display = (
        "name",
        "status",
        "province",
        "city",
        "team_size",
        "hourly_rate",
        "languages_display",
        "status_changed_by",
        "status_changed_at",
    )
    list_filter = (
        "status",
        "province",
        *Vendor.LANGUAGE_FIELDS,
        "expertise__sector",
        "certifications",
    )
    list_select_related = ("status_changed_by",)
    search_fields = ("name", "slug", "city", "business_number")
    prepopulated_fields = {"slug": ("name",)}
    filter_horizontal = ("skills", "certifications")
    # Status changes only through the moderation actions, which record the reason and the actor.
    readonly_fields = (
        "status",
        "status_reason",
        "status_changed_by",
        "status_changed_at",
        "created_at",
        "updated_at",
    )
    fieldsets = (
        (None, {"fields": ("name", "slug", "business_number")}),
        (_("Location"), {"fields": ("province", "city")}),
        (
            _("Offer"),
            {
                "fields": (
                    *Vendor.DESCRIPTION_FIELDS,
                    "website",
                    "team_size",
                    ("hourly_rate_min", "hourly_rate_max"),
                    Vendor.LANGUAGE_FIELDS,
                    "skills",
                    "certifications",
                )
            },
        ),
        (
            _("Moderation"),
            {
                "fields": (
                    "status",
                    "status_reason",
                    "status_changed_by",
                    "status_changed_at",
                ),
                "description": _("Use the approve and suspend actions in the vendor list."),
            },
        ),
        (_("Timestamps"), {"fields": ("created_at", "updated_at")}),
    )

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        # Staff may have changed the descriptions or the listed skills: read them again.
        vendor_described_skills_refresh(vendor=form.instance)

    @admin.display(description=_("hourly rate"), ordering="hourly_rate_min")
    def hourly_rate(self, vendor):
        low = money(vendor.hourly_rate_min, vendor.currency)
        return f"{low}–{money(vendor.hourly_rate_max, vendor.currency)}"

    @admin.display(description=_("languages"))
    def languages_display(self, vendor):
        return ", ".join(vendor.languages)


@admin.register(PendingVendor)
class PendingVendorAdmin(ReadOnlyAdminMixin, VendorModerationMixin, admin.ModelAdmin):
    """The moderation queue, oldest first. Rows open the vendor's full page, where edits and
    the audit log live; the queue itself is for triage and the actions."""

    formfield_overrides = VendorAdmin.formfield_overrides

    list_display = (
        "vendor_link",
        "business_number",
        "province",
        "city",
        "team_size",
        "website",
        "created_at",
    )
    list_display_links = None
    list_filter = ("province", *Vendor.LANGUAGE_FIELDS)
    search_fields = ("name", "slug", "city", "business_number")

    @admin.display(description=_("vendor"), ordering="name")
    def vendor_link(self, vendor):
        url = reverse("admin:marketplace_vendor_change", args=[vendor.pk])
        return format_html('<a href="{}">{}</a>', url, vendor.name)

    # Moderators work with Vendor's permissions; the proxy needs none of its own.
    def has_view_permission(self, request, obj=None):
        return self._vendor_admin.has_view_permission(request, obj)

    @property
    def _vendor_admin(self):
        return self.admin_site.get_model_admin(Vendor)


@admin.register(OutsourcingRequest)
class OutsourcingRequestAdmin(AuditTrailMixin, admin.ModelAdmin):
    list_display = (
        "title",
        "company",
        "sector",
        "status",
        "budget",
        "team_size",
        "duration_weeks",
        "created_at",
    )
    list_filter = ("status", "sector", "currency", *OutsourcingRequest.LANGUAGE_FIELDS)
    list_select_related = ("company", "sector")
    search_fields = ("title", "company__name")
    autocomplete_fields = ("company", "author")
    filter_horizontal = ("skills", "required_certifications")
    date_hierarchy = "created_at"
    # Publishing goes through `marketplace.services.requests`, like every status change.
    readonly_fields = ("status", "published_at", "created_at", "updated_at")
    fieldsets = (
        (None, {"fields": ("company", "author", "title", "description")}),
        (
            _("What is needed"),
            {
                "fields": (
                    "sector",
                    "sector_confirmed",
                    "skills",
                    ("budget_min", "budget_max", "currency"),
                    "team_size",
                    "duration_weeks",
                    OutsourcingRequest.LANGUAGE_FIELDS,
                    "required_certifications",
                )
            },
        ),
        (_("Status"), {"fields": ("status", "published_at", "created_at", "updated_at")}),
    )

    @admin.display(description=_("budget"), ordering="budget_max")
    def budget(self, outsourcing_request):
        r = outsourcing_request
        return f"{money(r.budget_min, r.currency)}–{money(r.budget_max, r.currency)}"


class MatchResultInline(admin.TabularInline):
    model = MatchResult
    fields = ("rank", "vendor", "score", "breakdown")
    readonly_fields = fields
    ordering = ("rank",)
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(MatchRun)
class MatchRunAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Read-only: runs are created by publishing, editing or rematching, and executed by
    workers; staff look here to see what a company was shown and why a run failed."""

    inlines = (MatchResultInline,)
    list_display = (
        "id",
        "request",
        "status",
        "trigger",
        "created_at",
        "finished_at",
        "attempts",
        "candidates",
    )
    list_filter = ("status", "trigger")
    list_select_related = ("request",)
    search_fields = ("request__title", "request__company__name")
    date_hierarchy = "created_at"
