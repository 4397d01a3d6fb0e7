package io.showfloor.insight.model;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.Prediction;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.sgd.linear.LogisticRegressionTrainer;
import org.tribuo.impl.ArrayExample;
import org.tribuo.provenance.SimpleDataSourceProvenance;
import org.tribuo.transform.TransformTrainer;
import org.tribuo.transform.TransformationMap;
import org.tribuo.transform.transformations.MeanStdDevTransformation;

/**
 * Up or down from indicator features: Tribuo's logistic regression (trained by SGD) behind a
 * per-feature standardisation learnt from the training rows. Stored as Java-serialised bytes:
 * Tribuo 4.3's protobuf form needs protobuf 3 at run time, and the node carries protobuf 4 (the
 * LiveKit SDK); reading accepts only Tribuo's, OLCUT's and the JDK's classes.
 */
public final class DirectionModel {
  static final String UP = "up";
  static final String DOWN = "down";
  private static final LabelFactory LABELS = new LabelFactory();
  private static final String[] NAMES = Features.NAMES.toArray(String[]::new);
  private static final ObjectInputFilter ONLY_MODEL_CLASSES =
      ObjectInputFilter.Config.createFilter(
          "maxdepth=64;maxrefs=10000000;maxbytes=268435456;org.tribuo.**;com.oracle.labs.mlrg.olcut.**;java.**;[*;!*");

  static {
    // Tribuo logs every thousand SGD steps at INFO through java.util.logging
    Logger.getLogger("org.tribuo").setLevel(Level.WARNING);
  }

  private final Model<Label> model;

  private DirectionModel(Model<Label> model) {
    this.model = model;
  }

  public static DirectionModel train(List<FeatureRow> rows) {
    if (rows.isEmpty()) {
      throw new IllegalArgumentException("no rows to learn from");
    }
    var data = new MutableDataset<>(new SimpleDataSourceProvenance("candles", LABELS), LABELS);
    for (FeatureRow row : rows) {
      data.add(new ArrayExample<>(new Label(row.up() ? UP : DOWN), NAMES, row.features()));
    }
    var trainer =
        new TransformTrainer<>(
            new LogisticRegressionTrainer(),
            new TransformationMap(List.of(new MeanStdDevTransformation())));
    return new DirectionModel(trainer.train(data));
  }

  /** The probability that the next close is higher. */
  public double probabilityUp(double[] features) {
    Prediction<Label> p =
        model.predict(new ArrayExample<>(LABELS.getUnknownOutput(), NAMES, features));
    Label up = p.getOutputScores().get(UP);
    if (up != null) {
      return up.getScore();
    }
    // a training window with only one outcome knows only that label
    return UP.equals(p.getOutput().getLabel()) ? 1.0 : 0.0;
  }

  public byte[] toBytes() {
    var out = new ByteArrayOutputStream();
    try (var objects = new ObjectOutputStream(out)) {
      objects.writeObject(model);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  @SuppressWarnings("unchecked")
  public static DirectionModel fromBytes(byte[] bytes) {
    try (var objects = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
      objects.setObjectInputFilter(ONLY_MODEL_CLASSES);
      return new DirectionModel((Model<Label>) objects.readObject());
    } catch (IOException | ClassNotFoundException e) {
      throw new IllegalStateException("stored model cannot be read: " + e, e);
    }
  }
}
