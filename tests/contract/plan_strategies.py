"""Hypothesis strategies of whole valid plans (shared by the schema, parity and tampering
tests): random funnels with sources, pipeline, seasonality, CRM mappings, a scoring model
and a sign-off, so that every table of the file appears in some of them."""

from __future__ import annotations

from datetime import UTC, date, datetime

from hypothesis import strategies as st

from alignplanner.domain.agreement.scoring import Criterion, Decay, ScoringModel
from alignplanner.domain.agreement.signoff import Approver, Signature, SignOff
from alignplanner.domain.plan.crm import CRM_FIELDS
from alignplanner.domain.plan.funnel import Pipeline, Recycle, Source, Stage, Target
from alignplanner.domain.plan.plan import Plan
from alignplanner.domain.sla.calendar import BusinessCalendar
from alignplanner.domain.sla.sla import EscalationStep, Obligation, Sla
from alignplanner.domain.team.role import Role

# quotes, backslashes, tabs, accents, CJK and emoji: what TOML string escaping must survive
_texts = st.text(st.sampled_from(list("aZ09 _-\"'\\\tüé日本✓🚀")), min_size=1,
                 max_size=16).filter(lambda t: t.strip() == t and bool(t))
_digests = st.text("0123456789abcdef", min_size=64, max_size=64).map(lambda h: "sha256:" + h)
_parts = st.dictionaries(
    st.sampled_from(["plan", "target", "stages", "stages.s0", "pipeline"]),
    st.text("0123456789abcdef", min_size=16, max_size=16),
    max_size=5,
)
_times = st.datetimes(datetime(2020, 1, 1), datetime(2035, 1, 1)).map(
    lambda t: t.replace(microsecond=0, tzinfo=UTC)
)


@st.composite
def crm_maps(draw: st.DrawFn) -> dict[str, str]:
    keys = draw(
        st.lists(st.sampled_from([*CRM_FIELDS, "x_marketo_status"]), unique=True, max_size=3)
    )
    return {k: draw(_texts) for k in keys}


@st.composite
def scoring_models(draw: st.DrawFn, stage_ids: list[str]) -> ScoringModel:
    fit = tuple(
        Criterion(
            f"f{i}",
            draw(_texts),
            draw(st.integers(-50, 50)),
            draw(st.sampled_from(["firmographic", "demographic"])),
        )
        for i in range(draw(st.integers(0, 3)))
    )
    engagement = tuple(
        Criterion(f"e{i}", draw(_texts), draw(st.floats(-50, 100, allow_nan=False)))
        for i in range(draw(st.integers(0, 3)))
    )
    max_fit = sum(max(0, c.points) for c in fit)
    mode = draw(st.sampled_from(["none", "halve", "expire"]))
    decay = Decay() if mode == "none" else Decay(mode, draw(st.integers(1, 180)))  # type: ignore[arg-type]
    return ScoringModel(
        qualifies_for=draw(st.sampled_from(stage_ids[:-1])),
        fit=fit,
        engagement=engagement,
        fit_threshold=draw(st.integers(0, int(max_fit))),
        engagement_threshold=draw(st.integers(0, 100)),
        high_intent=tuple(c.id for c in engagement[: draw(st.integers(0, len(engagement)))]),
        decay=decay,
    )


@st.composite
def signoffs(draw: st.DrawFn) -> SignOff:
    required = draw(st.sampled_from([(), ("marketing", "sales"), ("marketing", "sdr", "finance")]))
    approvers = ()
    if required and draw(st.booleans()):
        approvers = tuple(
            Approver(r, draw(_texts), draw(st.sampled_from(["", "VP"]))) for r in required
        )
    signatures = []
    for role in required:
        if draw(st.booleans()):
            names = [a.name for a in approvers if a.role == role] or [draw(_texts)]
            signatures.append(Signature(role, names[0], draw(_times), draw(_digests), draw(_parts)))
    return SignOff(required=required, approvers=approvers, signatures=tuple(signatures))


@st.composite
def plans(draw: st.DrawFn) -> Plan:
    n = draw(st.integers(2, 6))
    ids = [f"s{i}" for i in range(n)]
    stages = []
    for i, stage_id in enumerate(ids):
        last = i == n - 1
        recycle = None
        if not last and i > 0 and draw(st.booleans()):
            recycle = Recycle(
                to=ids[draw(st.integers(0, i))],
                share=draw(st.floats(0, 0.5)),
                after_days=draw(st.floats(0, 90)),
            )
        stages.append(
            Stage(
                id=stage_id,
                name=f"Stage {i}",
                owner=draw(st.sampled_from(["marketing", "sales"])),
                conversion=None if last else draw(st.floats(0.05, 1.0)),
                days=None if last else draw(st.floats(0, 60)),
                recycle=recycle,
                definition=draw(st.sampled_from(["", "A definition."])),
                crm=draw(crm_maps()),
            )
        )
    months = draw(st.integers(1, 24))
    k = draw(st.integers(0, 3))
    sources = (
        tuple(
            Source(
                id=f"src{j}",
                enters=ids[draw(st.integers(0, n - 2))],
                share=1 / k if k else 1,
                average_deal_size=draw(st.none() | st.floats(1000, 1e5)),
                conversion_overrides={ids[0]: 0.5} if draw(st.booleans()) else {},
            )
            for j in range(k)
        )
        if k != 3
        else ()
    )
    weights = draw(st.none() | st.lists(st.integers(1, 10), min_size=months, max_size=months))
    target = Target(
        revenue=draw(st.floats(1e4, 1e8)),
        average_deal_size=draw(st.floats(1e3, 1e5)),
        monthly_weights=tuple(weights) if weights else None,
        growth=draw(st.sampled_from([0.0, 0.2])),
        continuation=draw(st.sampled_from(["repeat", "none"])),
    )
    pipeline = Pipeline({ids[0]: draw(st.floats(0, 100))} if draw(st.booleans()) else {})
    plan = Plan(
        name=draw(st.sampled_from(["Generated", 'Plan "FY" ü 🚀'])),
        start=date(2027, draw(st.integers(1, 12)), 1),
        months=months,
        target=target,
        stages=tuple(stages),
        sources=sources,
        pipeline=pipeline,
        rounding=draw(st.sampled_from(["ceil", "nearest", "chained-ceil"])),
        scoring=draw(st.none() | scoring_models(ids)),
        signoff=draw(signoffs()),
    )
    return draw(operations(plan))


@st.composite
def operations(draw: st.DrawFn, plan: Plan) -> Plan:
    """``plan`` with a calendar, roles (unit and quota) and SLAs between its stages."""
    if not draw(st.booleans()):
        return plan
    ids = plan.stage_ids
    calendar = BusinessCalendar(
        timezone=draw(st.sampled_from(["UTC", "America/New_York", "Asia/Kolkata"])),
        workdays=tuple(draw(st.sampled_from([["mon", "tue", "wed", "thu", "fri"],
                                             ["sun", "mon", "tue", "wed", "thu"]]))),
        hours=draw(st.sampled_from([("09:00", "17:00"), ("08:30", "18:00"), ("00:00", "24:00")])),
        holidays=tuple(draw(st.lists(st.dates(date(2026, 1, 1), date(2030, 1, 1)), max_size=3,
                                     unique=True))),
    )
    roles, slas = [], []
    for j in range(draw(st.integers(0, 3))):
        works = draw(st.integers(0, len(ids) - 2))
        quota = draw(st.booleans())
        roles.append(Role(
            id=f"r{j}", works=ids[works], name=draw(st.sampled_from(["", "Reps"])),
            per_rep_per_month=None if quota else draw(st.floats(1, 1000)),
            quota_per_month=draw(st.floats(1e3, 1e6)) if quota else None,
            attainment=draw(st.floats(0.1, 1.5)) if quota else 1.0,
            handle_minutes=draw(st.floats(0.5, 90)), headcount=draw(st.floats(0, 30)),
            ramp=tuple(draw(st.lists(st.floats(0, 1), max_size=4))),
            hires=tuple(draw(st.lists(st.floats(0, 5), max_size=6))),
            attrition=draw(st.floats(0, 0.2)),
        ))
        if draw(st.booleans()):
            minutes = draw(st.booleans())
            window = draw(st.floats(0.05, 48))
            slas.append(Sla(
                id=f"sla{j}", from_stage=ids[works],
                to_stage=ids[draw(st.integers(works + 1, len(ids) - 1))], role=f"r{j}",
                respond_within_hours=None if minutes else window,
                respond_within_minutes=window * 60 if minutes else None,
                target=draw(st.floats(0.5, 0.99)),
                accept_within_hours=draw(st.none() | st.floats(1, 48)),
                reason_codes=tuple(draw(st.lists(st.sampled_from(["a", "b", "c"]), unique=True))),
                on_lapse=draw(st.sampled_from(["accept", "return"])),
                attempts=draw(st.none() | st.integers(1, 10)),
                recycle_to=draw(st.none() | st.sampled_from(ids[: works + 1])),
                nurture_days=draw(st.none() | st.floats(0, 180)),
                escalation=tuple(EscalationStep(after_hours=h, to="manager") for h in
                                 sorted(draw(st.sets(st.floats(0.5, 40), max_size=2)))),
                obligations=tuple(draw(st.lists(st.builds(
                    Obligation, text=st.just("leads per rep"),
                    amount=st.none() | st.floats(0, 500)), max_size=2))),
            ))
    return plan.with_changes(calendar=calendar, roles=tuple(roles), slas=tuple(slas))
