"""doc_text: the cached text must always equal ``doc.text``, also for Docs that inherit user_data."""

from barometer.nlp import doc_text


def test_doc_text_equals_doc_text_and_is_reused(nlp):
    doc = nlp("Kyiv said on Monday that talks would resume.\n\nMoscow denied it.")
    first = doc_text(doc)
    assert first == doc.text
    assert doc_text(doc) is first


def test_a_sub_doc_with_copied_user_data_gets_its_own_text(nlp):
    doc = nlp("Kyiv said on Monday that talks would resume. Moscow denied it.")
    doc_text(doc)
    sub = doc[9:].as_doc(copy_user_data=True)
    assert doc_text(sub) == sub.text == "Moscow denied it."
