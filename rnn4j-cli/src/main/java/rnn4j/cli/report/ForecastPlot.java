package rnn4j.cli.report;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** Lines against the time step (forecast, actual, baseline; or gradient norms), as a PNG written atomically. */
public final class ForecastPlot {
    /** One line: its legend name and its points. */
    public record Line(String name, double[] x, double[] y) {}

    static {
        System.setProperty("java.awt.headless", "true");
    }

    private ForecastPlot() {}

    /** Draws the lines; {@code logY} for quantities spanning decades (gradient norms). */
    public static void write(Path png, String title, String xLabel, String yLabel, List<Line> lines, boolean logY)
            throws IOException {
        XYChart chart = new XYChartBuilder().width(1000).height(540).title(title).xAxisTitle(xLabel)
                .yAxisTitle(yLabel).build();
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setYAxisLogarithmic(logY);
        for (Line l : lines) {
            if (l.x().length == 0) continue;
            XYSeries s = chart.addSeries(l.name(), l.x(), l.y());
            s.setMarker(l.x().length > 60 ? SeriesMarkers.NONE : SeriesMarkers.CIRCLE);
        }
        ConfusionPlot.save(png, chart);
    }
}
