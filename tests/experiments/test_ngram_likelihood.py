import numpy as np

from experiments.ngram_likelihood import TrigramModel, likelihood_matrix, word_tokens

HUMAN = ["the cat sat on the mat .", "the dog sat on the log .", "a cat saw the dog ."] * 3


def test_trigram_probabilities_sum_to_one_in_every_context():
    model = TrigramModel.fit([word_tokens(t) for t in HUMAN])
    inverse = {i: t for t, i in model.vocab.items()}
    for context in (["the", "cat"], ["sat", "on"], ["zebra", "the"], []):
        total = sum(np.exp(model.log_probs([*context, inverse[i]])[0][-1]) for i in range(2, model.size))
        unk = np.exp(model.log_probs([*context, "never-seen-word"])[0][-1])
        bos = np.exp(model.log_probs([*context, "<s>"])[0][-1])
        assert abs(total + unk + bos - 1.0) < 1e-9


def test_seen_text_is_more_likely_than_shuffled_text():
    model = TrigramModel.fit([word_tokens(t) for t in HUMAN])
    seen = model.log_probs(word_tokens("the cat sat on the mat ."))[0].mean()
    shuffled = model.log_probs(word_tokens("mat the on . sat cat the"))[0].mean()
    assert seen > shuffled


def test_cross_fitting_never_scores_a_row_with_a_model_that_read_it():
    # Two folds whose human texts share nothing: a row scored out-of-fold sees only unknown words, so its
    # unigram log-probability is the <unk> floor; scored in-sample it would be higher.
    texts = ["alpha beta gamma delta ."] * 4 + ["one two three four ."] * 4
    langs = ["en"] * 8
    human_train = np.ones(8, bool)
    fold = np.array([0] * 4 + [1] * 4)
    X, names = likelihood_matrix(texts, langs, human_train, fold)
    col = names.index("ngram_word_trigram_seen")
    in_sample = likelihood_matrix(texts, langs, human_train, np.full(8, -1))[0]
    assert (X[:4, col] == 0).all() and (in_sample[:4, col] > 0).all()
