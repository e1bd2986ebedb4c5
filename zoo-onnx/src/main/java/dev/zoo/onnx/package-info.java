/**
 * ONNX export: a zoo architecture and its weights as a standard ONNX inference graph (opset 13,
 * NCHW, batch norm in inference form, dropout removed, a dynamic batch dimension), written with
 * protobuf-java's wire encoder and the field numbers of {@code onnx.proto}.
 */
package dev.zoo.onnx;
