"""Text: normalisation (scripts, glosses, chrome) and segmentation (jieba, dictionaries, gazetteer)."""
