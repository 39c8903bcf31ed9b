"""Every word the domain says to people: labels, units, and the sentences of its warnings.

One place for a copy editor or a translator. The rest of the domain decides *when* to
say something and works out the numbers; the functions here turn those numbers into
text and take plain values only (strings, numbers, dates), so that any part of the
domain can use them. Problem messages of validation stay beside their checks: they are
part of the rule they enforce, and each names the field it is about.

One module per topic (basics, sign-off, warnings, SLA, actuals...); this package
re-exports them all, so `wording.x` reads the same from anywhere. New words go in their
topic's module, or a new one beside it.
"""

from __future__ import annotations

from alignplanner.domain.wording.actuals import (
    actuals_abrupt_start,
    actuals_after_as_of,
    actuals_backward_moves,
    actuals_before_entry,
    actuals_left_truncated,
    actuals_negative_lags,
    actuals_rate_jump,
)
from alignplanner.domain.wording.basics import (
    CRM_LABELS,
    Named,
    count,
    crm_label,
    listing,
    money,
    month_name,
    percent,
    plural,
    role_label,
    singular,
    units,
)
from alignplanner.domain.wording.merge import (
    SIDE_WORDS,
    base_found,
    base_missing,
    base_unknown,
    conflict_added_both,
    conflict_changed,
    conflict_order,
    conflict_removed_edited,
    conflict_renamed,
    signature_dropped,
)
from alignplanner.domain.wording.review import (
    REVIEW_KPI_LABELS,
    REVIEW_KPI_TIPS,
    REVIEW_RATES,
    review_behind,
    review_kpi_label,
    review_kpi_tip,
    review_on_plan,
)
from alignplanner.domain.wording.signoff import (
    REQUIRED_PART,
    part_label,
    signoff_summary,
)
from alignplanner.domain.wording.sla import (
    SLA_WORDS,
    SlaMonthFigures,
    SlaWords,
    achieved_percent,
    sla_month,
    sla_words,
    window,
)
from alignplanner.domain.wording.stages import (
    NEW_STAGE,
    became_won,
    override_dropped,
    pipeline_dropped,
    recycle_dropped,
    role_moved,
    scoring_moved,
    sla_dropped,
    sla_handed_over,
    source_moved,
    stage_added,
    stage_id_follows,
)
from alignplanner.domain.wording.warnings import (
    Shortfall,
    amount,
    capacity_short,
    entries_per_win,
    lag_truncated,
    low_conversion,
    pipeline_surplus,
    pre_plan,
    rounding_short,
    sla_failing,
    source_share_unmet,
    stage_stagnant,
)

__all__ = [
    "CRM_LABELS",
    "NEW_STAGE",
    "REQUIRED_PART",
    "REVIEW_KPI_LABELS",
    "REVIEW_KPI_TIPS",
    "REVIEW_RATES",
    "SIDE_WORDS",
    "SLA_WORDS",
    "Named",
    "Shortfall",
    "SlaMonthFigures",
    "SlaWords",
    "achieved_percent",
    "actuals_abrupt_start",
    "actuals_after_as_of",
    "actuals_backward_moves",
    "actuals_before_entry",
    "actuals_left_truncated",
    "actuals_negative_lags",
    "actuals_rate_jump",
    "amount",
    "base_found",
    "base_missing",
    "base_unknown",
    "became_won",
    "capacity_short",
    "conflict_added_both",
    "conflict_changed",
    "conflict_order",
    "conflict_removed_edited",
    "conflict_renamed",
    "count",
    "crm_label",
    "entries_per_win",
    "lag_truncated",
    "listing",
    "low_conversion",
    "money",
    "month_name",
    "override_dropped",
    "part_label",
    "percent",
    "pipeline_dropped",
    "pipeline_surplus",
    "plural",
    "pre_plan",
    "recycle_dropped",
    "review_behind",
    "review_kpi_label",
    "review_kpi_tip",
    "review_on_plan",
    "role_label",
    "role_moved",
    "rounding_short",
    "scoring_moved",
    "signature_dropped",
    "signoff_summary",
    "singular",
    "sla_dropped",
    "sla_failing",
    "sla_handed_over",
    "sla_month",
    "sla_words",
    "source_moved",
    "source_share_unmet",
    "stage_added",
    "stage_id_follows",
    "stage_stagnant",
    "units",
    "window",
]
