package dev.todo.operator.model.spec;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;

/** The Todo API server. */
public class BackendSpec extends ComponentSpec {
  public static final String DEFAULT_IMAGE = "todo-backend:0.1.0";

  @JsonPropertyDescription("The backend container image (serves HTTP on 8080, runs as UID 10001).")
  @Default(DEFAULT_IMAGE)
  private String image = DEFAULT_IMAGE;

  @Override
  public String image() {
    return image == null || image.isBlank() ? DEFAULT_IMAGE : image;
  }

  // <accessors>
  public String getImage() {
    return image;
  }

  public void setImage(String image) {
    this.image = image;
  }

  // </accessors>
}
