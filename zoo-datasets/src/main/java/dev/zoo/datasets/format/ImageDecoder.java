package dev.zoo.datasets.format;

import dev.zoo.datasets.error.ImageDecodeException;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/**
 * Decodes one PNG or JPEG file into the bytes of a stored example: resized (bilinear) to
 * {@code height x width}, as 1 (grey, ITU-R 601 luma) or 3 (RGB) channels in C, H, W order. Image
 * folders and single images to classify go through the same code, so a file gives the same
 * numbers whichever way it comes in.
 */
public final class ImageDecoder {

    private ImageDecoder() {
    }

    /**
     * Decodes {@code file} into {@code out} starting at {@code offset}
     * ({@code channels * height * width} bytes).
     *
     * @throws ImageDecodeException naming the file when it is not a decodable image
     * @throws IllegalArgumentException when {@code channels} is neither 1 nor 3
     */
    public static void decodeInto(Path file, int channels, int height, int width, byte[] out, int offset) {
        if (channels != 1 && channels != 3) {
            throw new IllegalArgumentException("image " + file + ": images can be read as 1 (grey) or 3 (RGB) channels, "
                    + "not " + channels);
        }
        BufferedImage src = read(file);
        unpack(resized(src, width, height), 0, 0, width, height, channels, out, offset);
    }

    /**
     * The {@code width x height} pixels of {@code image} from ({@code left}, {@code top}) as 1 (grey,
     * ITU-R 601 luma) or 3 (RGB) channels of bytes in C, H, W order, into {@code out} at {@code offset}.
     */
    private static void unpack(BufferedImage image, int left, int top, int width, int height, int channels, byte[] out,
            int offset) {
        int plane = height * width;
        int[] rgb = image.getRGB(left, top, width, height, null, 0, width);
        for (int p = 0; p < plane; p++) {
            int r = (rgb[p] >> 16) & 0xff;
            int gr = (rgb[p] >> 8) & 0xff;
            int b = rgb[p] & 0xff;
            if (channels == 1) {
                out[offset + p] = (byte) Math.round(0.299 * r + 0.587 * gr + 0.114 * b);
            } else {
                out[offset + p] = (byte) r;
                out[offset + plane + p] = (byte) gr;
                out[offset + 2 * plane + p] = (byte) b;
            }
        }
    }

    /**
     * torchvision's ImageNet evaluation crop of {@code file} as RGB bytes in C, H, W order: resized
     * (bilinear) so its shorter side is {@code resize} (the longer one {@code resize * long / short},
     * rounded down; an image already that size is not resampled), then the centre
     * {@code crop x crop} square, its corner at {@code round((side - crop) / 2)}.
     *
     * @throws ImageDecodeException naming the file when it is not a decodable image
     * @throws IllegalArgumentException when {@code crop > resize}
     */
    public static byte[] decodeCenterCrop(Path file, int resize, int crop) {
        if (crop > resize || crop < 1) {
            throw new IllegalArgumentException("image " + file + ": a centre crop of " + crop + " must be at least 1 and"
                    + " at most the resized side " + resize);
        }
        BufferedImage src = read(file);
        int w = src.getWidth();
        int h = src.getHeight();
        int short0 = Math.min(w, h);
        int long0 = Math.max(w, h);
        int scaledLong = (int) ((long) resize * long0 / short0);
        int sw = w <= h ? resize : scaledLong;
        int sh = w <= h ? scaledLong : resize;
        BufferedImage scaled = resized(src, sw, sh);
        int top = (int) Math.round((sh - crop) / 2.0);
        int left = (int) Math.round((sw - crop) / 2.0);
        byte[] out = new byte[3 * crop * crop];
        unpack(scaled, left, top, crop, crop, 3, out, 0);
        return out;
    }

    /** {@code src} as RGB at {@code width x height}, bilinear (an image of that size is copied as it is). */
    private static BufferedImage resized(BufferedImage src, int width, int height) {
        BufferedImage scaled = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = scaled.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.drawImage(src, 0, 0, width, height, null);
        } finally {
            g.dispose();
        }
        return scaled;
    }

    private static BufferedImage read(Path file) {
        BufferedImage src;
        try {
            src = ImageIO.read(file.toFile());
        } catch (IOException | RuntimeException e) {
            throw new ImageDecodeException(file, "offset 0", "PNG or JPEG image", "a decodable image", e.getMessage());
        }
        if (src == null) {
            throw new ImageDecodeException(file, "offset 0", "PNG or JPEG image", "a decodable image",
                    "no image reader accepts it");
        }
        return src;
    }

    /** Decodes {@code file} into a new array; see {@link #decodeInto}. */
    public static byte[] decode(Path file, int channels, int height, int width) {
        byte[] out = new byte[channels * height * width];
        decodeInto(file, channels, height, width, out, 0);
        return out;
    }
}
