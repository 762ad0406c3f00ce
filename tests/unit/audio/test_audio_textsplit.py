from playground.audio.textsplit import sentences, split_for_speech


def test_short_text_is_one_piece():
    assert split_for_speech("Hello. World!") == ["Hello. World!"]


def test_pieces_respect_limit_and_end_at_sentences():
    text = " ".join(f"Sentence number {i} is here." for i in range(400))
    pieces = split_for_speech(text, limit=200)
    assert all(len(p) <= 200 for p in pieces)
    assert all(p.rstrip().endswith(".") for p in pieces)
    assert "".join(pieces) == text


def test_chinese_punctuation_splits_without_spaces():
    text = "今天天气很好。我们去公园吧！你觉得怎么样？好的；走吧…" * 50
    pieces = split_for_speech(text, limit=60)
    assert all(len(p) <= 60 for p in pieces)
    assert all(p[-1] in "。！？；…" for p in pieces)
    assert "".join(pieces) == text
    assert sentences("你好。再见！")[0] == "你好。"


def test_decimals_and_abbreviations_stay_whole():
    assert sentences("Pi is 3.14 exactly. Next") == ["Pi is 3.14 exactly. ", "Next"]


def test_sentence_longer_than_limit_is_cut_at_commas_or_spaces():
    text = ", ".join(["word"] * 300) + "."
    pieces = split_for_speech(text, limit=100)
    assert all(len(p) <= 100 for p in pieces)
    assert "".join(pieces) == text


def test_default_limit_is_the_api_limit():
    text = ("A fairly long sentence that goes on. " * 300).strip()
    pieces = split_for_speech(text)
    assert len(pieces) == 3 and all(len(p) <= 4096 for p in pieces)


def test_blank_text_gives_nothing():
    assert split_for_speech("   \n ") == []
