package dev.zoo.cli;

import dev.zoo.api.spec.Shape;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/** Decodes PNG and JPEG files into the bytes of one stored example: CxHxW, grey (luma) or RGB. */
public final class ImageFiles {

    private ImageFiles() {
    }

    /**
     * Reads {@code file}, resized (bilinear) to {@code shape}'s height and width, as 1 (grey) or 3
     * (RGB) channels of bytes in C, H, W order.
     *
     * @throws IllegalArgumentException naming the file when it is missing or not a decodable image
     */
    public static byte[] read(Path file, Shape shape) {
        if (shape.channels() != 1 && shape.channels() != 3) {
            throw new IllegalArgumentException("image " + file + ": the network takes " + shape.channels()
                    + " channels; images can be read as 1 (grey) or 3 (RGB)");
        }
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("image " + file + ": no such file");
        }
        BufferedImage src;
        try {
            src = ImageIO.read(file.toFile());
        } catch (IOException e) {
            throw new IllegalArgumentException("image " + file + ": cannot decode: " + e.getMessage(), e);
        }
        if (src == null) {
            throw new IllegalArgumentException("image " + file + ": not a PNG or JPEG image (no image reader accepts it)");
        }
        int h = shape.height();
        int w = shape.width();
        BufferedImage scaled = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = scaled.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.drawImage(src, 0, 0, w, h, null);
        } finally {
            g.dispose();
        }
        int plane = h * w;
        int[] rgb = scaled.getRGB(0, 0, w, h, null, 0, w);
        byte[] out = new byte[shape.channels() * plane];
        for (int p = 0; p < plane; p++) {
            int r = (rgb[p] >> 16) & 0xff;
            int gr = (rgb[p] >> 8) & 0xff;
            int b = rgb[p] & 0xff;
            if (shape.channels() == 1) {
                out[p] = (byte) Math.round(0.299 * r + 0.587 * gr + 0.114 * b);
            } else {
                out[p] = (byte) r;
                out[plane + p] = (byte) gr;
                out[2 * plane + p] = (byte) b;
            }
        }
        return out;
    }
}
