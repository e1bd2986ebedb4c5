package dev.zoo.onnx;

import java.util.List;

/**
 * The ONNX messages this exporter writes, with the field numbers of {@code onnx.proto} (ONNX 1.8
 * and later, unchanged since: ModelProto, GraphProto, NodeProto, AttributeProto, TensorProto,
 * ValueInfoProto, TypeProto, TensorShapeProto, OperatorSetIdProto).
 */
final class OnnxProto {

    /** IR version 7: ONNX 1.8, the first release with opset 13. */
    static final long IR_VERSION = 7;
    /** Opset 13: the oldest opset that ONNX Runtime, TensorRT and OpenVINO all still take. */
    static final long OPSET = 13;

    /** {@code TensorProto.DataType}. */
    static final int FLOAT = 1;
    static final int INT64 = 7;

    /** {@code AttributeProto.AttributeType}. */
    private static final int ATTRIBUTE_FLOAT = 1;
    private static final int ATTRIBUTE_INT = 2;
    private static final int ATTRIBUTE_INTS = 7;

    private OnnxProto() {
    }

    /** ModelProto: ir_version 1, producer_name 2, doc_string 6, graph 7, opset_import 8. */
    static ProtoMessage model(ProtoMessage graph, String docString) {
        ProtoMessage opset = new ProtoMessage().string(1, "").int64(2, OPSET);
        return new ProtoMessage().int64(1, IR_VERSION).string(2, "zoo").string(6, docString).message(7, graph)
                .message(8, opset);
    }

    /** GraphProto: node 1, name 2, initializer 5, input 11, output 12. */
    static ProtoMessage graph(String name, List<ProtoMessage> nodes, List<ProtoMessage> initializers,
            List<ProtoMessage> inputs, List<ProtoMessage> outputs) {
        ProtoMessage g = new ProtoMessage();
        nodes.forEach(n -> g.message(1, n));
        g.string(2, name);
        initializers.forEach(t -> g.message(5, t));
        inputs.forEach(v -> g.message(11, v));
        outputs.forEach(v -> g.message(12, v));
        return g;
    }

    /** NodeProto: input 1, output 2, name 3, op_type 4, attribute 5. */
    static ProtoMessage node(String opType, String name, List<String> inputs, String output,
            List<ProtoMessage> attributes) {
        ProtoMessage n = new ProtoMessage();
        inputs.forEach(i -> n.string(1, i));
        n.string(2, output).string(3, name).string(4, opType);
        attributes.forEach(a -> n.message(5, a));
        return n;
    }

    /** AttributeProto of one int: name 1, i 3, type 20. */
    static ProtoMessage attribute(String name, long value) {
        return new ProtoMessage().string(1, name).int64(3, value).int32(20, ATTRIBUTE_INT);
    }

    /** AttributeProto of one float: name 1, f 2, type 20. */
    static ProtoMessage attribute(String name, float value) {
        return new ProtoMessage().string(1, name).float32(2, value).int32(20, ATTRIBUTE_FLOAT);
    }

    /** AttributeProto of ints: name 1, ints 8 (unpacked, as onnx's own writer does), type 20. */
    static ProtoMessage attribute(String name, long... values) {
        ProtoMessage a = new ProtoMessage().string(1, name);
        for (long v : values) {
            a.int64(8, v);
        }
        return a.int32(20, ATTRIBUTE_INTS);
    }

    /** TensorProto of floats: dims 1, data_type 2, name 8, raw_data 9. */
    static ProtoMessage floatTensor(String name, List<Integer> dims, float[] values) {
        ProtoMessage t = new ProtoMessage();
        dims.forEach(d -> t.int64(1, d));
        return t.int32(2, FLOAT).string(8, name).rawFloats(9, values);
    }

    /** A 1-D INT64 TensorProto (the shape-like inputs of Slice and Pad). */
    static ProtoMessage longTensor(String name, long... values) {
        return new ProtoMessage().int64(1, values.length).int32(2, INT64).string(8, name).rawLongs(9, values);
    }

    /**
     * ValueInfoProto (name 1, type 2) of a float tensor: TypeProto.tensor_type 1 {elem_type 1,
     * shape 2 {dim 1 {dim_value 1 | dim_param 2}}}. A null dimension is the symbolic {@code batch}.
     */
    static ProtoMessage floatValue(String name, List<Long> dims) {
        ProtoMessage shape = new ProtoMessage();
        for (Long d : dims) {
            shape.message(1, d == null ? new ProtoMessage().string(2, "batch") : new ProtoMessage().int64(1, d));
        }
        ProtoMessage tensorType = new ProtoMessage().int32(1, FLOAT).message(2, shape);
        return new ProtoMessage().string(1, name).message(2, new ProtoMessage().message(1, tensorType));
    }
}
