from django.utils.translation import gettext_lazy as _
from rest_framework import serializers
from rest_framework.authtoken import serializers as authtoken
from rest_framework.validators import UniqueValidator

from companies.choices import Role
from companies.models import Company, Invitation, Membership, User
from companies.policies import can_verify_companies
from companies.validators import normalize_rfc, validate_rfc
from config.serializers import DateTimeField, ModelSerializer


class CompanySerializer(ModelSerializer):
    slug = serializers.SlugField(max_length=220, required=False)

    class Meta:
        model = Company
        fields = [
            "id",
            "slug",
            "name",
            "rfc",
            "state",
            "city",
            "description",
            "website",
            "verified",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["id"]
        extra_kwargs = {
            "rfc": {
                "validators": [
                    validate_rfc,
                    UniqueValidator(
                        Company.objects.all(),
                        message=_("A company with this RFC is already registered."),
                    ),
                ]
            }
        }

    def get_fields(self):
        fields = super().get_fields()
        request = self.context.get("request")
        if not (request and can_verify_companies(user=request.user)):
            fields["verified"].read_only = True
        return fields

    def to_internal_value(self, data):
        # Accept "abc-010101-ab1" or lower case; store the compact upper-case RFC.
        if isinstance(data, dict) and isinstance(data.get("rfc"), str):
            data = {**data, "rfc": normalize_rfc(data["rfc"])}
        return super().to_internal_value(data)


class MembershipSerializer(ModelSerializer):
    username = serializers.CharField(source="user.username")
    email = serializers.EmailField(source="user.email")
    # One of the two is set, the other null: a membership is in a company or in a vendor.
    company = serializers.PrimaryKeyRelatedField(read_only=True, allow_null=True)
    vendor = serializers.PrimaryKeyRelatedField(read_only=True, allow_null=True)

    class Meta:
        model = Membership
        fields = ["id", "username", "email", "role", "company", "vendor", "created_at"]
        read_only_fields = fields


class InvitationCreateSerializer(serializers.Serializer):
    email = serializers.EmailField()
    role = serializers.ChoiceField(choices=Role.choices, default=Role.MEMBER)


class InvitationSerializer(ModelSerializer):
    # Null once the inviting account is gone.
    invited_by = serializers.CharField(
        source="invited_by.username", default=None, allow_null=True, read_only=True
    )
    # As for memberships: one of the two is set, the other null.
    company = serializers.PrimaryKeyRelatedField(read_only=True, allow_null=True)
    vendor = serializers.PrimaryKeyRelatedField(read_only=True, allow_null=True)

    class Meta:
        model = Invitation
        fields = [
            "id",
            "email",
            "role",
            "company",
            "vendor",
            "invited_by",
            "created_at",
            "updated_at",
            "expires_at",
            "sent_at",
        ]
        read_only_fields = fields


class InvitationAcceptSerializer(serializers.Serializer):
    token = serializers.CharField(
        max_length=200, help_text=_("The token from the invitation link.")
    )


# DRF's, with the username bounded as the login form bounds it: a failed attempt is recorded
# under that username (django-axes), in a column a longer one does not fit. Same name, so the
# schema keeps its AuthToken components (and a comment, not a docstring, keeps their text).
class AuthTokenSerializer(authtoken.AuthTokenSerializer):
    username = serializers.CharField(
        label=_("Username"),
        write_only=True,
        max_length=User._meta.get_field("username").max_length,
    )


class TokenSerializer(serializers.Serializer):
    token = serializers.CharField(
        help_text=_("Send as `Authorization: Token <token>`. Shown only once; Norte keeps a hash.")
    )
    expiry = DateTimeField(
        help_text=_("When the token stops working unless it is used before then.")
    )
