import pytest

from annotations.pretagging.nlp.learned.training import tokenizer_of


@pytest.fixture(scope="session")
def tokenizer():
    return tokenizer_of()


@pytest.fixture(scope="session")
def tiny_model_dir(tmp_path_factory, tokenizer):
    """A learned model trained for a few steps on three invented articles (no database)."""
    from annotations.pretagging.nlp.learned.data import Article, Statement, write_docbins
    from annotations.pretagging.nlp.learned.training import save_model, train

    text = "“We will open the bridge in May,” said Mayor Ada Brook.\n\nTomas Reyes said the budget is tight."
    quote = (text.index("We"), text.index(",”") + 1)
    indirect = (text.index("the budget"), len(text) - 1)
    articles = [
        Article(key=f"t{i}", text=text, statements=(Statement(*quote, "direct"), Statement(*indirect)))
        for i in range(3)
    ]
    work = tmp_path_factory.mktemp("learned")
    write_docbins(articles, tokenizer, work / "data", 0.3)
    result = train(work / "data", work / "train", max_steps=4, eval_frequency=2)
    return save_model(result.model_dir, work / "model", base_model=None, version="7", info={})
