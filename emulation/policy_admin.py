"""The admin asks the policy (emulation.policy) for everything it decides about rows.

``PolicyAdminMixin`` answers Django's ``has_*_permission`` hooks, the read-only fields,
the rows of the changelist, the editable cells of ``list_editable`` and bulk deletes from
the model's policy; ``PolicyInlineMixin`` does the same for inline rows, asking the
policy of an unsaved child row with its parent set. A row the user may not see answers
the same 404 as a row that does not exist.
"""

from django import forms
from django.contrib import messages
from django.contrib.admin.widgets import RelatedFieldWidgetWrapper
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.http import Http404
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from .filters import commune_filter
from .policy import policy_for
from .scoping import EVERY_COMMUNE, commune_ids_of, own_commune, unit_ids_of
from .text import control_characters, normalize_text


class NotApplicableInput(forms.HiddenInput):
    """A field that does not apply to this row (a yes / no target's figure): its table cell
    stays, empty; being disabled, a posted value is ignored."""

    is_hidden = False  # keep the cell of a list or a tabular inline in its column

    def render(self, name, value, attrs=None, renderer=None):
        return ""


def not_applying(instance):
    return getattr(instance, "fields_not_applying", frozenset)()


class PolicyModelForm(forms.ModelForm):
    """A model's validation may speak of a field this user's form does not show (a hamlet
    head's results form has no "commitment"); the error is then shown above the form,
    named by the field's label, instead of failing the page. A field that does not apply
    to the row (``fields_not_applying()`` of the model) is left empty and ignored.

    Text is kept in one spelling (NFC, nothing invisible: see emulation.text) before the
    model's uniqueness is checked, and control characters are refused."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in not_applying(self.instance) & self.fields.keys():
            self.fields[name].disabled = True
            self.fields[name].widget = NotApplicableInput()

    def clean(self):
        cleaned = super().clean()
        for name, value in list(cleaned.items()):
            if not isinstance(value, str):
                continue
            found = control_characters(value)
            if found:
                self.add_error(
                    name,
                    _("The text holds invisible control characters (%(chars)s); retype it.")
                    % {"chars": ", ".join(found)},
                )
            else:
                cleaned[name] = normalize_text(value)
        return cleaned

    def add_error(self, field, error):
        if field is None and isinstance(error, ValidationError) and hasattr(error, "error_dict"):
            shown, hidden = {}, []
            for name, errors in error.error_dict.items():
                if name == NON_FIELD_ERRORS or name in self.fields:
                    shown[name] = errors
                    continue
                try:
                    label = capfirst(self._meta.model._meta.get_field(name).verbose_name)
                except Exception:  # not a model field: keep the bare message
                    label = ""
                for message in ValidationError(errors).messages:
                    hidden.append(f"{label}: {message}" if label else message)
            if hidden:
                shown.setdefault(NON_FIELD_ERRORS, []).extend(ValidationError(hidden).error_list)
            error = ValidationError(shown)
        return super().add_error(field, error)


def _without(lines, dropped):
    kept = []
    for line in lines:
        if isinstance(line, (list, tuple)):
            line = type(line)(n for n in line if n not in dropped)
            if line:
                kept.append(line)
        elif line not in dropped:
            kept.append(line)
    return kept


def scoped_choices(db_field, request, kwargs):
    """The rows a foreign key or many-to-many field offers: those of the related model
    the user may see (their commune's; a shared row such as an award kind, any)."""
    if "queryset" not in kwargs:
        related = db_field.remote_field.model
        kwargs["queryset"] = policy_for(request.user, related).scope(related._default_manager.all())
    return kwargs


def _not_found():
    # The same words for a missing row and for one the user may not see.
    return Http404(_("This page does not exist or you may not see it."))


class PolicyAdminMixin:
    def policy(self, request, obj=None):
        return policy_for(request.user, obj if obj is not None else self.model)

    def get_queryset(self, request):
        return self.policy(request).scope(super().get_queryset(request))

    def get_list_filter(self, request):
        """Whoever sees several communes filters a list by commune first."""
        filters = list(super().get_list_filter(request))
        path = self.policy(request).commune_route()
        communes = commune_ids_of(request.user)
        if path is None or (communes is not EVERY_COMMUNE and len(communes) < 2):
            return filters
        return [commune_filter(path), *filters]

    def get_object(self, request, object_id, from_field=None):
        obj = super().get_object(request, object_id, from_field)
        if obj is None or not self.policy(request, obj).can_view():
            raise _not_found()
        return obj

    def has_view_permission(self, request, obj=None):
        return self.policy(request, obj).can_view()

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        if obj is not None or not any(f.name == "commune" for f in self.model._meta.fields):
            return form
        commune = own_commune(request.user)

        class InOwnCommune(form):
            """A new unit, movement or fund belongs to the commune of its maker, set before
            the form checks what must be unique within the commune."""

            def __init__(self, *args, **kwargs):
                super().__init__(*args, **kwargs)
                if self.instance.commune_id is None and commune is not None:
                    self.instance.commune = commune

        return InOwnCommune

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        """The unit a row belongs to is chosen among the units this user acts for."""
        policy = self.policy(request)
        if policy.unit_path == db_field.name and not policy.is_office:
            kwargs["queryset"] = db_field.remote_field.model._default_manager.filter(
                pk__in=unit_ids_of(request.user)
            )
        kwargs = scoped_choices(db_field, request, kwargs)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        kwargs = scoped_choices(db_field, request, kwargs)
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        # The form offered only the user's own units; this is the last line of defence.
        if not change and not self.policy(request, obj).can_add():
            raise PermissionDenied
        super().save_model(request, obj, form, change)

    def has_add_permission(self, request, *args):
        return self.policy(request).can_add()

    def has_change_permission(self, request, obj=None):
        return self.policy(request, obj).can_change()

    def has_delete_permission(self, request, obj=None):
        return self.policy(request, obj).can_delete()

    def get_readonly_fields(self, request, obj=None):
        """Declared read-only fields, plus every model field the policy does not let this
        user change on this row now (computed fields included)."""
        readonly = list(super().get_readonly_fields(request, obj))
        policy = self.policy(request, obj)
        editable = policy.editable_fields()
        for f in self.model._meta.get_fields():
            if not getattr(f, "editable", False) or f.auto_created:
                continue
            if not (f.concrete or f.many_to_many) or f.primary_key:
                continue
            if f.name not in editable and f.name not in readonly:
                readonly.append(f.name)
        return readonly

    def get_fieldsets(self, request, obj=None):
        """A saved row's form leaves out the fields that do not apply to it."""
        dropped = not_applying(obj) if obj is not None else frozenset()
        fieldsets = super().get_fieldsets(request, obj)
        if not dropped:
            return fieldsets
        return [
            (title, {**opts, "fields": _without(opts["fields"], dropped)})
            for title, opts in fieldsets
        ]

    def get_exclude(self, request, obj=None):
        exclude = list(super().get_exclude(request, obj) or [])
        if obj is not None:
            exclude += sorted(not_applying(obj) - set(exclude))
        return exclude

    def get_changelist_form(self, request, **kwargs):
        """Cells of ``list_editable`` that the policy does not open on a row are shown
        disabled; a posted value for them is ignored."""
        base = super().get_changelist_form(request, **kwargs)
        user = request.user

        class PolicyChangelistForm(PolicyModelForm, base):
            def __init__(self, *args, **kwargs):
                super().__init__(*args, **kwargs)
                editable = policy_for(user, self.instance).editable_fields()
                for name, field in self.fields.items():
                    if name != self.instance._meta.pk.name and name not in editable:
                        field.disabled = True

        return PolicyChangelistForm

    def delete_queryset(self, request, queryset):
        refused = [obj for obj in queryset if not self.policy(request, obj).can_delete()]
        if refused:
            self.message_user(
                request,
                _("Nothing was deleted: these rows are kept as part of the record: %(rows)s.")
                % {"rows": "; ".join(str(obj) for obj in refused)},
                messages.ERROR,
            )
            return
        try:
            super().delete_queryset(request, queryset)
        except ValidationError as error:  # the models' last line of defence
            self.message_user(request, " ".join(error.messages), messages.ERROR)


class PolicyInlineMixin:
    """Inline rows of a parent: the child's policy, asked for an unsaved row of the parent."""

    form = PolicyModelForm
    parent_field: str

    def child_policy(self, request, parent=None):
        if parent is None:
            return policy_for(request.user, self.model)
        return policy_for(request.user, self.model(**{self.parent_field: parent}))

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        kwargs = scoped_choices(db_field, request, kwargs)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        # An inline row has no room for the pencil / plus / cross / eye beside each choice;
        # the related rows are managed on their own pages.
        formfield = super().formfield_for_dbfield(db_field, request, **kwargs)
        widget = getattr(formfield, "widget", None)
        if isinstance(widget, RelatedFieldWidgetWrapper):
            widget.can_add_related = widget.can_change_related = False
            widget.can_delete_related = widget.can_view_related = False
        return formfield

    def editable_fields(self, request, parent=None):
        return self.child_policy(request, parent).editable_fields()

    def has_view_permission(self, request, obj=None):
        return obj is None or policy_for(request.user, obj).can_view()

    def has_add_permission(self, request, obj=None):
        return self.child_policy(request, obj).can_add()

    def has_change_permission(self, request, obj=None):
        return bool(self.editable_fields(request, obj))

    def has_delete_permission(self, request, obj=None):
        return self.child_policy(request, obj).can_delete()
