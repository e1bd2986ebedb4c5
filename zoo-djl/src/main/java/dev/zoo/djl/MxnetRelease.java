package dev.zoo.djl;

import ai.djl.mxnet.engine.MxNDArray;
import ai.djl.mxnet.jna.JnaUtils;
import ai.djl.ndarray.NDArray;
import ai.djl.util.NativeResource;
import com.sun.jna.Pointer;
import java.lang.reflect.Field;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Lets go of an MXNet array without waiting for it. DJL's {@code MxNDArray.close} first waits until
 * the array can be read, and MXNet's engine answers such a wait only after every operator queued
 * before it: a forward pass that let go of each intermediate result as soon as the next block was
 * queued ({@link ReleasingSequentialBlock}) waited for the engine at every block, which then sat idle
 * while the next block was being queued. MXNet's {@code MXNDArrayFree} needs no wait: operators
 * still queued hold the array's memory themselves, and it is freed after the last of them. The
 * Java object stays with its manager, which finds it released when it closes.
 */
final class MxnetRelease {

    /** DJL keeps the native pointer in this field of every resource; null when unreachable here. */
    private static final Field HANDLE = handleField();

    private MxnetRelease() {
    }

    private static Field handleField() {
        try {
            Field f = NativeResource.class.getDeclaredField("handle");
            if (f.getType() != AtomicReference.class) {
                return null; // another DJL: close as it does
            }
            f.setAccessible(true);
            return f;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    /** Frees {@code array}'s native handle without a wait on MXNet, else closes it as DJL does. */
    @SuppressWarnings("unchecked")
    static void release(NDArray array) {
        if (!(array instanceof MxNDArray) || HANDLE == null) {
            array.close();
            return;
        }
        Object pointer;
        try {
            pointer = ((AtomicReference<Object>) HANDLE.get(array)).getAndSet(null);
        } catch (IllegalAccessException | RuntimeException e) {
            array.close();
            return;
        }
        if (pointer instanceof Pointer p) {
            ((MxNDArray) array).onClose();
            JnaUtils.freeNdArray(p);
        }
    }
}
