"""Small builders shared by the core tests."""

from textwrap import dedent

from psoas_timer.core.loader import load_routine_text
from psoas_timer.core.plan import Plan, compile_plan


def plan_of(text: str) -> Plan:
    return compile_plan(load_routine_text(dedent(text), "t.yaml"))
