package rnn4j.cli.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** Training and validation loss curves against the step, written as a PNG (atomically: temp file, then rename). */
public final class LossPlot {
    /** One curve: its legend name and its points. */
    public record Curve(String name, List<Double> steps, List<Double> losses) {}

    static {
        // Plots are drawn off-screen; a machine without a display must not need one.
        System.setProperty("java.awt.headless", "true");
    }

    private LossPlot() {}

    /** Draws the curves (empty ones are skipped) under {@code title} into {@code png}. */
    public static void write(Path png, String title, String yLabel, List<Curve> curves) throws IOException {
        XYChart chart = new XYChartBuilder().width(900).height(540).title(title).xAxisTitle("step")
                .yAxisTitle(yLabel).build();
        chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.InsideNE);
        chart.getStyler().setChartBackgroundColor(java.awt.Color.WHITE);
        for (Curve c : curves) {
            if (c.steps().isEmpty()) continue;
            XYSeries s = chart.addSeries(c.name(), c.steps(), c.losses());
            s.setMarker(c.steps().size() > 50 ? SeriesMarkers.NONE : SeriesMarkers.CIRCLE);
        }
        Path folder = png.toAbsolutePath().getParent();
        Path temp = Files.createTempFile(folder, ".plot-", ".png");
        try {
            try (var out = Files.newOutputStream(temp)) {
                BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG);
            }
            Files.move(temp, png, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
