import pytest

from playground.model.prompt_template import MissingVariables, fill, missing, variables


def test_variables_in_first_use_order_once_each() -> None:
    assert variables("Hi {{name}}, {{ city }}", "{{name}} {{城市}}") == ["name", "city", "城市"]


def test_fill_replaces_every_occurrence_and_leaves_other_braces() -> None:
    text = "{{a}}+{{ a }} {json: {{b}}} {{not a var}}"
    assert fill(text, {"a": 1, "b": "x"}) == "1+1 {json: x} {{not a var}}"


def test_missing_names_all_absent_variables_at_once() -> None:
    with pytest.raises(MissingVariables) as caught:
        fill("{{a}} {{b}} {{c}}", {"b": ""})
    assert caught.value.names == ["a", "c"]
    assert missing(["{{a}}", "{{b}}"], {"a": ""}) == ["b"]
