"""docs/contract.md tells the truth: its complete example is a valid, agreed plan, and the
digest recipe it gives other systems recomputes the digest AlignPlanner signs."""

from __future__ import annotations

import hashlib
import json
import re
import tomllib
from typing import Any

from jsonschema import Draft202012Validator
from plan_edits import ROOT

from alignplanner.contract.agreement import verify
from alignplanner.contract.digest import digest, part_digests
from alignplanner.contract.exports import to_json
from alignplanner.contract.reader import loads
from alignplanner.domain.agreement.scoring import Match, score_lead
from alignplanner.resources import resource_path

DOC = (ROOT / "docs" / "contract.md").read_text("utf-8")


def _blocks(language: str) -> list[str]:
    return re.findall(rf"```{language}\n(.*?)```", DOC, flags=re.S)


def _example() -> str:
    return _blocks("toml")[-1]


def test_the_complete_example_is_agreed_and_intact() -> None:
    loaded = loads(_example(), "contract.md")
    verdict = verify(loaded)
    assert verdict.ok, verdict.reasons
    plan = loaded.plan
    assert plan.scoring is not None
    assert plan.signoff.required == ("marketing", "sales")
    assert all(s.crm for s in plan.stages)
    assert [s.parts for s in plan.signoff.signatures] == [part_digests(plan)] * 2


def test_the_documented_recipe_recomputes_the_digest() -> None:
    namespace: dict[str, Any] = {}
    exec(_blocks("python")[0], namespace)  # the recipe exactly as printed
    text = _example()
    recomputed = namespace["plan_digest"](text)
    loaded = loads(text)
    assert recomputed == digest(loaded.plan)
    assert {s.digest for s in loaded.plan.signoff.signatures} == {recomputed}


def test_the_recipe_by_hand_for_part_digests() -> None:
    doc = tomllib.loads(_example())
    plan = loads(_example()).plan

    def short(value: Any) -> str:
        blob = json.dumps(
            value,
            sort_keys=True,
            separators=(",", ":"),
            ensure_ascii=False,
            default=lambda d: d.isoformat(),
        )
        return hashlib.sha256(blob.encode("utf-8")).hexdigest()[:16]

    parts = part_digests(plan)
    assert parts["target"] == short(doc["target"])
    assert parts["stages"] == short([s["id"] for s in doc["stages"]])
    assert parts["stages.mql"] == short(doc["stages"][1])
    assert parts["scoring"] == short(doc["scoring"])


def test_the_json_export_of_the_example_validates_against_the_schema() -> None:
    schema = json.loads(resource_path("plan.schema.json").read_text("utf-8"))
    loaded = loads(_example())
    exported = json.loads(to_json(loaded.plan, loaded.result))
    validator = Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)
    assert list(validator.iter_errors(exported)) == []
    assert exported["signoff"]["signatures"][0]["signed_at"] == "2026-11-23T14:05:00Z"


def test_the_scoring_example_in_the_text() -> None:
    model = loads(_example()).plan.scoring
    assert model is not None
    lead = [Match("buyer_title"), Match("icp_size"), Match("webinar", 10), Match("webinar", 40)]
    score = score_lead(model, lead)
    assert score.reason == "does not qualify: fit 45 >= 40 but engagement 30 < 50"
    assert score.reason.split(": ", 1)[1] in DOC.replace("\n", " ").replace("  ", " ")
    assert score_lead(model, [Match("demo_request", 3)]).qualified


def test_the_recipe_leaves_out_the_scenarios_and_uncertainty_as_the_digest_does() -> None:
    namespace: dict[str, Any] = {}
    exec(_blocks("python")[0], namespace)
    text = _example() + '\n[uncertainty]\nseed = 7\n\n[[scenarios]]\nname = "Stretch"\n'
    loaded = loads(text)
    assert loaded.extras.uncertainty.seed == 7
    assert [s.name for s in loaded.extras.scenarios.variants] == ["Stretch"]
    assert namespace["plan_digest"](text) == digest(loaded.plan) == digest(loads(_example()).plan)


def test_the_recipe_applies_the_agreed_scenario_as_the_signature_does() -> None:
    """An agreed variant is what is signed: the recipe sets its overrides first."""
    from alignplanner.contract.agreement import the_signed

    namespace: dict[str, Any] = {}
    exec(_blocks("python")[0], namespace)
    stage = loads(_example()).plan.stages[1].id
    text = _example() + (
        '\n[[scenarios]]\nname = "Stretch"\nagreed = true\n'
        f'set = {{ "target.revenue" = 15000000, "stages.{stage}.conversion" = 0.31 }}\n')
    loaded = loads(text)
    signed = the_signed(loaded)
    assert signed.target.revenue == 15_000_000
    assert namespace["plan_digest"](text) == digest(signed) != digest(loaded.plan)
