/**
 * ONNX export: {@link dev.blocksmith.engine.onnx.OnnxExport} writes a trained model, with its
 * fitted preprocessing inside the graph, as an {@code .onnx} file that ONNX Runtime runs on a
 * phone, in a browser or on a server; {@link dev.blocksmith.engine.onnx.OnnxFeeds} shapes raw
 * examples into that file's inputs. The protobuf classes come from {@code tribuo-util-onnx}.
 */
package dev.blocksmith.engine.onnx;
