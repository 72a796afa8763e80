/**
 * Text as numbers: {@link dev.blocksmith.engine.embed.SentenceEmbedder} runs the shipped
 * all-MiniLM-L6-v2 sentence model with ONNX Runtime (mean pooling, unit length), remembering every
 * text's vector in an on-disk {@link dev.blocksmith.engine.embed.EmbeddingCache}; {@link
 * dev.blocksmith.engine.embed.WordCounts} is the classic bag-of-words (TF-IDF) alternative.
 */
package dev.blocksmith.engine.embed;
