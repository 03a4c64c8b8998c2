"""Who may change a commune target, and which of its fields are the product's to compute."""

from emulation.policy import Policy, register

from .models import Target


@register(Target)
class TargetPolicy(Policy):
    def computed_on_row(self) -> frozenset[str]:
        """A target with a source (the total of approved pledge results, the households
        registered…) has its actual computed, never typed (not in its form, not in the
        list, not by import)."""
        if self.obj is not None and self.obj.rollup != Target.Rollup.NONE:
            return frozenset({"actual_value", "achieved"})
        return frozenset()

    def editable_fields(self):
        return super().editable_fields() - self.computed_on_row()
