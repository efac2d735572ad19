package rnn4j.cli.report;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.internal.chartpart.Chart;
import rnn4j.io.AtomicFiles;

/** A confusion matrix as a heat map PNG (rows = gold class, columns = predicted), written atomically. */
public final class ConfusionPlot {
    static {
        System.setProperty("java.awt.headless", "true");
    }

    private ConfusionPlot() {}

    /** Draws {@code counts[gold][predicted]} with the class names on both axes. */
    public static void write(Path png, String title, int[][] counts, List<String> labels) throws IOException {
        int side = Math.min(1200, 300 + 40 * labels.size());
        HeatMapChart chart = new HeatMapChartBuilder().width(side + 150).height(side).title(title)
                .xAxisTitle("predicted").yAxisTitle("gold").build();
        chart.getStyler().setShowValue(true);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        List<Number[]> cells = new ArrayList<>();
        for (int g = 0; g < counts.length; g++) {
            for (int p = 0; p < counts.length; p++) cells.add(new Number[] {p, counts.length - 1 - g, counts[g][p]});
        }
        List<String> reversed = new ArrayList<>(labels);
        Collections.reverse(reversed); // gold classes read top to bottom
        chart.addSeries("count", labels, reversed, cells);
        save(png, chart);
    }

    static void save(Path png, Chart<?, ?> chart) throws IOException {
        AtomicFiles.write(png, out -> BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG));
    }
}
