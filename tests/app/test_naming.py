import pytest

from app.naming import file_stem


@pytest.mark.parametrize(
    ("prompt", "seed", "stem"),
    [
        ("A red apple!", 4242, "dust-to-detail-a-red-apple-seed-4242"),
        ("  crème brûlée  ", 0, "dust-to-detail-creme-brulee-seed-0"),
        ("猫", 7, "dust-to-detail-picture-seed-7"),
        ("a " + "very " * 20 + "long dog", 1, "dust-to-detail-a-very-very-very-very-very-very-very-ver-seed-1"),
        ('a "quoted" / path\\name', 3, "dust-to-detail-a-quoted-path-name-seed-3"),
    ],
)
def test_downloads_are_named_after_the_words_and_the_seed(prompt, seed, stem):
    assert file_stem(prompt, seed) == stem
