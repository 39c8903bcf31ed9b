"""The lead-scoring model: its checks, and scoring leads with hand-checked numbers."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from alignplanner.domain.agreement.scoring import (
    Criterion,
    Decay,
    Match,
    ScoringModel,
    decayed,
    is_fresh,
    score_lead,
)
from alignplanner.domain.problems import PlanInvalid, dotted


def problems(exc: pytest.ExceptionInfo[PlanInvalid]) -> dict[str, str]:
    return {dotted(p.path): p.message for p in exc.value.problems}


def model(decay: Decay | None = None) -> ScoringModel:
    return ScoringModel(
        qualifies_for="mql",
        fit=(
            Criterion("size", "200-2,000 employees", 20, "firmographic"),
            Criterion("industry", "Target industry", 15, "firmographic"),
            Criterion("title", "Director or above", 15, "demographic"),
            Criterion("student", "Student e-mail", -30, "demographic"),
        ),
        engagement=(
            Criterion("webinar", "Attended a webinar", 20),
            Criterion("pricing", "Visited the pricing page", 15),
            Criterion("demo", "Requested a demo", 50),
            Criterion("unsubscribe", "Unsubscribed", -20),
        ),
        fit_threshold=40,
        engagement_threshold=50,
        high_intent=("demo",),
        decay=decay or Decay("halve", 30),
    )


def test_fit_and_engagement_both_over_threshold_qualify() -> None:
    # fit 20 + 15 + 15 = 50; engagement 20 (5 days) + 15 (10 days) + 20 (29 days) = 55
    lead = [
        Match("size"),
        Match("industry"),
        Match("title"),
        Match("webinar", 5),
        Match("pricing", 10),
        Match("webinar", 29),
    ]
    score = score_lead(model(), lead)
    assert (score.fit, score.engagement) == (50, 55)
    assert score.qualified
    assert score.reason == "qualifies: fit 50 >= 40 and engagement 55 >= 50"


def test_points_halve_every_thirty_days() -> None:
    # webinar at 30 days: 10; at 65 days: 5; pricing at 90 days: 15 / 8 = 1.875
    lead = [
        Match("size"),
        Match("industry"),
        Match("webinar", 30),
        Match("webinar", 65),
        Match("pricing", 90),
    ]
    score = score_lead(model(), lead)
    assert score.fit == 35
    assert score.engagement == 16.875  # exact: whole points halved are exact in binary
    assert not score.qualified
    assert score.reason == "does not qualify: fit 35 < 40 and engagement 16.875 < 50"
    assert score.points[2:] == (("webinar", 10.0), ("webinar", 5.0), ("pricing", 1.875))


def test_expired_points_count_nothing() -> None:
    lead = [
        Match("size"),
        Match("industry"),
        Match("title"),
        Match("webinar", 90),
        Match("webinar", 91),
        Match("pricing", 3),
        Match("pricing", 4),
    ]
    score = score_lead(model(Decay("expire", 90)), lead)
    assert score.engagement == 20 + 15 + 15
    assert score.qualified
    assert score.reason == "qualifies: fit 50 >= 40 and engagement 50 >= 50"


def test_good_fit_but_little_engagement_says_but() -> None:
    score = score_lead(
        model(), [Match("size"), Match("industry"), Match("title"), Match("pricing", 0)]
    )
    assert score.reason == "does not qualify: fit 50 >= 40 but engagement 15 < 50"


def test_a_fresh_demo_request_qualifies_outright() -> None:
    score = score_lead(model(), [Match("student"), Match("demo", 3)])
    assert score.fit == -30
    assert score.qualified
    assert score.reason == "qualifies: Requested a demo (high intent, 3 days ago)"
    assert score.high_intent == ("Requested a demo",)


def test_an_old_demo_request_no_longer_qualifies_outright() -> None:
    score = score_lead(model(), [Match("demo", 30)])  # halved: 25 points, not fresh
    assert not score.qualified
    assert score.engagement == 25
    assert score.high_intent == ()


def test_fit_counts_once_engagement_every_time() -> None:
    score = score_lead(
        model(Decay()), [Match("size"), Match("size"), Match("webinar"), Match("webinar")]
    )
    assert (score.fit, score.engagement) == (20, 40)


def test_negative_points_never_decay() -> None:
    assert decayed(-20, 400, Decay("halve", 30)) == -20
    assert decayed(-20, 400, Decay("expire", 30)) == -20
    assert decayed(20, 400, Decay("none")) == 20


def test_freshness_boundaries() -> None:
    assert is_fresh(29.9, Decay("halve", 30))
    assert not is_fresh(30, Decay("halve", 30))
    assert is_fresh(30, Decay("expire", 30))
    assert not is_fresh(30.1, Decay("expire", 30))
    assert is_fresh(10_000, Decay())


def test_unknown_criterion_and_negative_age_are_named() -> None:
    with pytest.raises(PlanInvalid) as exc:
        score_lead(model(), [Match("size"), Match("golf"), Match("webinar", -1)])
    assert set(problems(exc)) == {"[1].criterion", "[2].age_days"}


def test_model_checks_name_each_field() -> None:
    with pytest.raises(PlanInvalid) as exc:
        ScoringModel(
            qualifies_for="MQL",
            fit=(Criterion("size", "Size", 20, "firmographic"), Criterion("size", "Web", 5)),
            engagement=(Criterion("demo", "Demo", 50, "firmographic"),),
            fit_threshold=-1,
            engagement_threshold=50,
            high_intent=("pricing",),
        )
    assert set(problems(exc)) == {
        "qualifies_for",
        "fit_threshold",
        "fit[1].kind",
        "fit[1].id",
        "engagement[0].kind",
        "high_intent[0]",
    }


def test_unreachable_fit_threshold_is_refused() -> None:
    with pytest.raises(PlanInvalid) as exc:
        ScoringModel("mql", fit=(Criterion("size", "Size", 20, "firmographic"),), fit_threshold=40)
    assert "at most 20 points" in problems(exc)["fit_threshold"]


@pytest.mark.parametrize(
    ("decay", "field"),
    [
        (("halve", 0), "days"),
        (("expire", -3), "days"),
        (("weekly", 7), "mode"),
    ],
)
def test_decay_checks(decay: tuple[str, float], field: str) -> None:
    with pytest.raises(PlanInvalid) as exc:
        Decay(*decay)  # type: ignore[arg-type]
    assert set(problems(exc)) == {field}


def test_criterion_checks() -> None:
    with pytest.raises(PlanInvalid) as exc:
        Criterion("Web Visit", " ", 5000, "social")  # type: ignore[arg-type]
    assert set(problems(exc)) == {"id", "label", "points", "kind"}


# -- properties ----------------------------------------------------------------------------

ENGAGEMENT_IDS = ("webinar", "pricing", "demo", "unsubscribe")
FIT_IDS = ("size", "industry", "title", "student")
ages = st.floats(min_value=0, max_value=3650, allow_nan=False)
decays = st.one_of(
    st.just(Decay()),
    st.builds(
        Decay,
        st.sampled_from(["halve", "expire"]),
        st.floats(min_value=0.5, max_value=400, allow_nan=False),
    ),
)
leads = st.lists(
    st.one_of(
        st.builds(Match, st.sampled_from(FIT_IDS)),
        st.builds(Match, st.sampled_from(ENGAGEMENT_IDS), ages),
    ),
    max_size=20,
)


@given(leads, decays, st.floats(min_value=0, max_value=1000, allow_nan=False))
def test_decay_never_increases_a_score(lead: list[Match], decay: Decay, later: float) -> None:
    now = score_lead(model(decay), lead)
    aged = score_lead(
        model(decay),
        [
            Match(m.criterion, m.age_days + later) if m.criterion in ENGAGEMENT_IDS else m
            for m in lead
        ],
    )
    assert aged.engagement <= now.engagement + 1e-9
    assert aged.fit == now.fit
    assert not (aged.qualified and not now.qualified)


@given(leads, decays)
def test_no_decay_is_the_upper_bound(lead: list[Match], decay: Decay) -> None:
    assert (
        score_lead(model(decay), lead).engagement
        <= score_lead(model(Decay()), lead).engagement + 1e-9
    )


@given(leads, decays)
def test_qualified_means_thresholds_or_fresh_high_intent(lead: list[Match], decay: Decay) -> None:
    score = score_lead(model(decay), lead)
    by_thresholds = score.fit >= 40 and score.engagement >= 50
    assert score.qualified == (by_thresholds or bool(score.high_intent))
    assert score.reason.startswith("qualifies" if score.qualified else "does not qualify")


@given(leads, decays)
def test_adding_a_positive_match_never_lowers_a_score(lead: list[Match], decay: Decay) -> None:
    before = score_lead(model(decay), lead)
    after = score_lead(model(decay), [*lead, Match("webinar", 1), Match("size")])
    assert after.engagement >= before.engagement
    assert after.fit >= before.fit
