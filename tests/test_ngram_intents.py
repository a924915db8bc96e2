"""The n-gram intent model (bot/nlu/ngram_intents.py): what its features are for, and that it keeps."""
import joblib

from bot.nlu.ngram_intents import fit, fold

TRAIN = [("lương bao nhiêu", "faq_salary"), ("lương tháng tối thiểu", "faq_salary"),
         ("mức lương cần đạt", "faq_salary"),
         ("ngày nghỉ phép", "out_of_scope"), ("nghỉ lễ tết", "out_of_scope"), ("ngày nghỉ có lương không", "out_of_scope"),
         ("chào ad", "greet"), ("hello", "greet"), ("xin chào", "greet")]


def model(**config):
    return fit([t for t, _ in TRAIN], [i for _, i in TRAIN], {}, config)


def test_fold_drops_the_marks_vietnamese_teen_code_leaves_out():
    assert fold("Lương ĐƯỢC bao nhiêu") == "luong duoc bao nhieu"
    assert fold("ค่าจ้าง 3萬2") == "คาจาง 3萬2"  # Thai vowel and tone marks are marks too; Han is untouched


def test_a_word_typed_without_its_marks_meets_the_word_with_them():
    ranking = model().rank("muc luong toi thieu")
    assert ranking[0][0] == "faq_salary"
    assert abs(sum(p for _, p in ranking) - 1) < 1e-6 and ranking == sorted(ranking, key=lambda r: -r[1])


def test_concept_patterns_are_features_only_when_weighted():
    texts, intents = [t for t, _ in TRAIN], [i for _, i in TRAIN]
    off = fit(texts, intents, {"concept_wage": "lương|luong"}, {"concept_weight": 0.0})
    on = fit(texts, intents, {"concept_wage": "lương|luong"}, {"concept_weight": 1.0})
    assert on._features(["luong"]).shape[1] == off._features(["luong"]).shape[1] + 1


def test_the_fitted_model_survives_the_model_archive(tmp_path):
    fitted = model()
    joblib.dump(fitted, tmp_path / "m.joblib")
    assert joblib.load(tmp_path / "m.joblib").rank("chào ad ơi") == fitted.rank("chào ad ơi")


def test_the_fast_probabilities_are_scikit_learns():
    fitted = model()
    for text in ("muc luong toi thieu", "chào ad", "nghỉ phép"):
        expected = fitted.classifier.predict_proba(fitted._features([text]))[0]
        assert abs(fitted.probabilities(text) - expected).max() < 1e-9
