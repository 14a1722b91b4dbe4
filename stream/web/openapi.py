"""The API described as OpenAPI 3.1, served at /openapi.json; request bodies are the pydantic models' own schemas."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from stream.core.records import AlertAction, SilenceAdded, SilenceExpired


class ArticleIn(BaseModel):
    """An article as posted: only ``text`` is required (20 characters or more, 1 MB at most)."""

    model_config = ConfigDict(extra="forbid")
    id: str | None = None
    url: str | None = None
    source: str | None = Field(default=None, description="The outlet.")
    title: str | None = None
    published: str | None = Field(default=None, description="YYYY-MM-DD; the day received when absent.")
    text: str


def _schema(model: type[BaseModel]) -> dict[str, Any]:
    return model.model_json_schema()


def _json(description: str, schema: dict[str, Any] | None = None) -> dict[str, Any]:
    return {"description": description,
            **({"content": {"application/json": {"schema": schema}}} if schema is not None else {})}


def _filters() -> list[dict[str, Any]]:
    described = {
        "rule": "A rule id.", "severity": "low, medium, high or critical.",
        "place": "A place, state/region or country name, in any case.", "since": "First event date, YYYY-MM-DD.",
        "until": "Last event date, YYYY-MM-DD.", "silenced": "true for the alerts a silence held back.",
        "tier": "sent, or review for the alerts held for review.",
        "pending": "true for the alerts held for review that no one has confirmed or rejected yet.",
        "limit": "The newest N (200 by default, 5,000 at most).",
        "before": "A page's cursor: only alerts raised before this alert id (the previous page's `next`).",
    }
    return [{"name": name, "in": "query", "required": False, "description": text, "schema": {"type": "string"}}
            for name, text in described.items()]


def _by_id(name: str) -> list[dict[str, Any]]:
    return [{"name": name, "in": "path", "required": True, "schema": {"type": "string"}}]


UNAUTHORISED = _json("No valid bearer token.", {"type": "object", "properties": {"error": {"type": "string"}}})
REFUSED = _json("What is wrong, and how to put it right.",
                {"type": "object", "properties": {"error": {"type": "string"}}})


def openapi(action_in: type[BaseModel], silence_in: type[BaseModel]) -> dict[str, Any]:
    """The document for the routes ``stream.web.app`` serves; a test holds the two to the same paths."""
    actions = {f"/api/alerts/{{alert_id}}/{action}": {"post": {
        "summary": f"{action.capitalize()} an alert; kept in the log with who, when and why.",
        "parameters": _by_id("alert_id"), "security": [{"bearer": []}],
        "requestBody": {"content": {"application/json": {"schema": _schema(action_in)}}},
        "responses": {"201": _json("The action recorded.", _schema(AlertAction)), "401": UNAUTHORISED,
                      "404": REFUSED, "422": REFUSED}}} for action in ("ack", "assign", "dismiss")}
    verdicts = {f"/api/alerts/{{alert_id}}/{action}": {"post": {
        "summary": summary, "parameters": _by_id("alert_id"), "security": [{"bearer": []}],
        "requestBody": {"content": {"application/json": {"schema": _schema(action_in)}}},
        "responses": {"201": _json("The verdict recorded.", _schema(AlertAction)), "401": UNAUTHORISED,
                      "404": REFUSED, "409": _json("Not held for review, or judged already: the first verdict stands.",
                                                   REFUSED["content"]["application/json"]["schema"]),
                      "422": REFUSED}}} for action, summary in (
        ("confirm", "Confirm an alert held for review: it is then sent to its channels, once."),
        ("reject", "Reject an alert held for review, with the reason in `note` (required): it is never sent."))}
    read = {"security": [{"bearer": []}], "responses": {"401": UNAUTHORISED}}
    return {
        "openapi": "3.1.0",
        "info": {"title": "Signalfire", "version": "1",
                 "description": "Sourced conflict events from news, and the alerts rules raise on them."},
        "components": {"securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}}},
        "paths": {
            "/": {"get": {"summary": "The desk's page.", "responses": {"200": _json("HTML.")}}},
            "/healthz": {"get": {"summary": "The process is alive.", "responses": {"200": _json("Alive.")}}},
            "/readyz": {"get": {"summary": "The store answers, rules are loaded, and what the store held at start "
                                           "is folded.",
                                "responses": {"200": _json("Ready."), "503": _json("Not ready, with why.")}}},
            "/metrics": {"get": {"summary": "Prometheus metrics.", **read}},
            "/openapi.json": {"get": {"summary": "This document.", "responses": {"200": _json("OpenAPI 3.1.")}}},
            "/api/alerts": {"get": {"summary": "Alerts, newest first, with corroborations, the desk's actions and "
                                               "the verdict on those held for review.",
                                    "parameters": _filters(), **read}},
            "/api/alerts.geojson": {"get": {"summary": "The same alerts as GeoJSON: at their place, or at the "
                                            "centre of the state, region or country they are placed at "
                                            "(centroid: true).",
                                            "parameters": _filters(), **read}},
            "/api/alerts/{alert_id}": {"get": {"summary": "One alert with its sources (outlet, title, link), "
                                                          "its deliveries and the desk's actions.",
                                               "parameters": _by_id("alert_id"), **read}},
            "/api/stream": {"get": {"summary": "Server-sent events: each alert as it is raised (event: alert).",
                                    **read}},
            "/api/articles": {"post": {
                "summary": "One article or an array of them; the same checks and dead letters as replay.",
                "security": [{"bearer": []}],
                "requestBody": {"content": {"application/json": {"schema": {"oneOf": [
                    _schema(ArticleIn), {"type": "array", "items": _schema(ArticleIn)}]}}}},
                "responses": {"202": _json("The ids taken and the dead letters, each with its reason."),
                              "400": REFUSED, "401": UNAUTHORISED, "413": REFUSED}}},
            **actions,
            **verdicts,
            "/api/silences": {
                "get": {"summary": "Silences added at run time, with when each was expired.", **read},
                "post": {"summary": "Add a silence, checked against the rules and gazetteers.",
                         "security": [{"bearer": []}],
                         "requestBody": {"content": {"application/json": {"schema": _schema(silence_in)}}},
                         "responses": {"201": _json("The silence recorded.", _schema(SilenceAdded)),
                                       "401": UNAUTHORISED, "422": REFUSED}}},
            "/rules": {"get": {"summary": "The rules page.", "responses": {"200": _json("HTML.")}}},
            **_rules_paths(read),
            "/api/silences/{silence_id}/expire": {"post": {
                "summary": "End a silence added at run time.", "parameters": _by_id("silence_id"),
                "security": [{"bearer": []}],
                "responses": {"200": _json("The expiry recorded.", _schema(SilenceExpired)), "401": UNAUTHORISED,
                              "404": REFUSED, "409": REFUSED}}},
        },
    }


def _rules_paths(read: dict[str, Any]) -> dict[str, Any]:
    from stream.web.rules_api import CandidateIn  # beside the routes it describes

    body = {"content": {"application/json": {"schema": _schema(CandidateIn)}}}
    problems = _json("The candidate's problems, each as rules check prints it, with its line and column.")
    return {
        "/api/rules": {"get": {"summary": "The rules in force (file, version, text) with each rule's alerts in the "
                                          "last 7 and 30 days and the desk's verdicts on them.", **read}},
        "/api/rules/history": {"get": {"summary": "The rules files applied from the desk, newest first.", **read}},
        "/api/rules/check": {"post": {"summary": "Check a candidate rules file as `rules check` does.",
                                      "requestBody": body, **read}},
        "/api/rules/backtest": {"post": {
            "summary": "The candidate against the rules in force on the store's history, as `rules backtest --db`.",
            "security": [{"bearer": []}], "requestBody": body,
            "responses": {"200": _json("Added, removed, changed, unchanged; judged and precision."),
                          "401": UNAUTHORISED, "409": REFUSED, "422": problems, "503": REFUSED}}},
        "/api/rules/apply": {"post": {
            "summary": "Write the candidate as the rules file in force (the previous kept as a numbered copy), "
                       "reload it and record who applied it.",
            "security": [{"bearer": []}], "requestBody": body,
            "responses": {"201": _json("The apply recorded."), "401": UNAUTHORISED, "409": REFUSED,
                          "422": problems}}},
    }
