package dev.marketdata.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;

/** Horizontal bar panels drawn with plain Java2D (headless), written as one PNG. */
final class Chart {
  static final Color MEASURED = new Color(0x2E6FBF);
  static final Color CEILING = new Color(0x9AA5B1);
  static final Color TARGET = new Color(0xD0342C);

  record Bar(String label, double value, Color color) {}

  record Panel(String title, String unit, List<Bar> bars, double target, boolean log) {}

  private static final int WIDTH = 1400;
  private static final int PANEL_W = 680;
  private static final int PANEL_H = 260;

  private final String title;
  private final List<Panel> panels = new ArrayList<>();

  Chart(String title) {
    this.title = title;
  }

  Chart panel(Panel panel) {
    panels.add(panel);
    return this;
  }

  void write(Path png) throws IOException {
    System.setProperty("java.awt.headless", "true");
    int rows = (panels.size() + 1) / 2;
    BufferedImage img =
        new BufferedImage(WIDTH, 60 + rows * (PANEL_H + 20), BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setRenderingHint(
        RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, img.getWidth(), img.getHeight());
    g.setColor(Color.BLACK);
    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 20));
    g.drawString(title, 20, 34);
    for (int k = 0; k < panels.size(); k++) {
      int x = 20 + (k % 2) * (PANEL_W + 20);
      int y = 60 + (k / 2) * (PANEL_H + 20);
      draw(g, panels.get(k), x, y);
    }
    g.dispose();
    ImageIO.write(img, "png", png.toFile());
  }

  private static void draw(Graphics2D g, Panel p, int x, int y) {
    g.setColor(new Color(0xF5F7FA));
    g.fillRect(x, y, PANEL_W, PANEL_H);
    g.setColor(Color.BLACK);
    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
    g.drawString(p.title() + (p.log() ? "  (log scale)" : ""), x + 10, y + 22);
    int labelW = 230;
    int barX = x + labelW;
    int barMaxW = PANEL_W - labelW - 110;
    double max = Double.isNaN(p.target()) ? 0 : p.target();
    for (Bar b : p.bars()) {
      if (!Double.isNaN(b.value())) {
        max = Math.max(max, b.value());
      }
    }
    max = Double.isNaN(max) || max <= 0 ? 1 : max * 1.05;
    int n = Math.max(1, p.bars().size());
    int slot = Math.min(40, (PANEL_H - 50) / n);
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
    for (int i = 0; i < p.bars().size(); i++) {
      Bar b = p.bars().get(i);
      int by = y + 40 + i * slot;
      g.setColor(Color.DARK_GRAY);
      g.drawString(b.label(), x + 10, by + slot / 2 + 4);
      int w = (int) Math.min(barMaxW, Math.round(scale(b.value(), max, p.log()) * barMaxW));
      g.setColor(b.color());
      g.fillRect(barX, by + 4, Math.max(1, w), slot - 10);
      g.setColor(Color.BLACK);
      g.drawString(Report.fmt(b.value()) + " " + p.unit(), barX + w + 6, by + slot / 2 + 4);
    }
    if (!Double.isNaN(p.target()) && p.target() > 0) {
      int tx = barX + (int) Math.round(scale(p.target(), max, p.log()) * barMaxW);
      g.setColor(TARGET);
      g.setStroke(
          new BasicStroke(
              2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f));
      g.drawLine(tx, y + 34, tx, y + 40 + n * slot);
      g.drawString("target " + Report.fmt(p.target()), Math.min(tx + 4, x + PANEL_W - 110), y + 34);
      g.setStroke(new BasicStroke(1f));
    }
  }

  private static double scale(double v, double max, boolean log) {
    if (Double.isNaN(v) || v <= 0) {
      return 0;
    }
    if (!log) {
      return v / max;
    }
    double lo = 1; // log axis from 1
    return Math.max(0, Math.log10(Math.max(v, lo)) / Math.log10(Math.max(max, 10)));
  }
}
