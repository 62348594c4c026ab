"""Language detection reads the same model whether packed (as installed) or unpacked
by the build's store (mapped in milliseconds by a new process)."""

from __future__ import annotations

from pathlib import Path

from build_scripts.metadata import detect_language, packed_language_model, unpack_language_model

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def test_the_unpacked_language_model_gives_the_packed_models_answers(tmp_path: Path) -> None:
    unpack_language_model(packed_language_model(), tmp_path)
    texts = [
        (SEEDS / name).read_text(encoding="utf-8")
        for name in sorted(p.name for p in SEEDS.glob("*.txt"))
    ] + [
        "Der Krieg in der Ukraine und die Allianz zwischen Russland und Nordkorea "
        "bestimmen die Lage in Europa und Asien seit dem Beginn des Jahres 2024 sehr. "
        "Moskau erhält Granaten und Raketen, Pjöngjang erhält Geld, Öl und Technik.",
        "Война на Украине и союз между Россией и Северной Кореей меняют порядок в Азии "
        "и в Европе, пишут аналитики, и это стало ясно уже в начале прошлого года. "
        "Москва получает снаряды и ракеты, а Пхеньян получает деньги, нефть и технологии.",
    ]
    for text in texts:
        assert detect_language(text, tmp_path) == detect_language(text)
    assert detect_language(texts[-2], tmp_path) == "de"
    assert detect_language(texts[-1], tmp_path) == "ru"
