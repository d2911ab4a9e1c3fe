import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import { AuthForm } from "@/components/AuthForm";
import { json, stubBackend } from "./http";

const user = { id: 1, email: "ada@example.com", displayName: "Ada" };

describe("sign-up form", () => {
  it("labels every field and creates the account with the name given", async () => {
    const backend = stubBackend({ "POST /api/auth/signup": () => json(201, { token: "t", user }) });
    const onSuccess = vi.fn();
    render(<AuthForm mode="signup" onSuccess={onSuccess} />);

    await userEvent.type(screen.getByLabelText("Name (optional)"), "Ada");
    await userEvent.type(screen.getByLabelText("E-mail"), "ada@example.com");
    await userEvent.type(screen.getByLabelText("Password"), "correct horse");
    await userEvent.click(screen.getByRole("button", { name: "Sign up" }));

    expect(onSuccess).toHaveBeenCalledWith(user);
    expect(backend.calls[0].body).toEqual({ email: "ada@example.com", password: "correct horse", displayName: "Ada" });
  });

  it("stops a password shorter than 8 characters before asking the server", async () => {
    const backend = stubBackend({});
    render(<AuthForm mode="signup" onSuccess={vi.fn()} />);
    await userEvent.type(screen.getByLabelText("E-mail"), "ada@example.com");
    await userEvent.type(screen.getByLabelText("Password"), "short");
    await userEvent.click(screen.getByRole("button", { name: "Sign up" }));

    expect(screen.getByRole("alert")).toHaveTextContent("at least 8 characters");
    expect(screen.getByLabelText("Password")).toHaveAttribute("aria-invalid", "true");
    expect(backend.calls).toHaveLength(0);
  });

  it("shows the server's message when the e-mail is taken, and lets the person try again", async () => {
    stubBackend({ "POST /api/auth/signup": () => json(409, { error: "This e-mail is already registered", field: "email" }) });
    const onSuccess = vi.fn();
    render(<AuthForm mode="signup" onSuccess={onSuccess} />);
    await userEvent.type(screen.getByLabelText("E-mail"), "ada@example.com");
    await userEvent.type(screen.getByLabelText("Password"), "longenough");
    await userEvent.click(screen.getByRole("button", { name: "Sign up" }));

    expect(await screen.findByRole("alert")).toHaveTextContent("This e-mail is already registered");
    expect(screen.getByLabelText("E-mail")).toHaveAttribute("aria-invalid", "true");
    expect(screen.getByRole("button", { name: "Sign up" })).toBeEnabled();
    expect(onSuccess).not.toHaveBeenCalled();
  });
});

describe("log-in form", () => {
  it("says the e-mail or password is wrong on 401", async () => {
    stubBackend({ "POST /api/auth/login": () => json(401, { error: "invalid credentials" }) });
    render(<AuthForm mode="login" onSuccess={vi.fn()} />);
    await userEvent.type(screen.getByLabelText("E-mail"), "ada@example.com");
    await userEvent.type(screen.getByLabelText("Password"), "wrong-password");
    await userEvent.click(screen.getByRole("button", { name: "Log in" }));
    expect(await screen.findByRole("alert")).toHaveTextContent("Wrong e-mail or password.");
  });

  it("logs in with the Enter key and links to sign-up", async () => {
    const backend = stubBackend({ "POST /api/auth/login": () => json(200, { token: "t", user }) });
    const onSuccess = vi.fn();
    render(<AuthForm mode="login" onSuccess={onSuccess} />);
    await userEvent.type(screen.getByLabelText("E-mail"), " ada@example.com ");
    await userEvent.type(screen.getByLabelText("Password"), "secret-pass{Enter}");
    expect(onSuccess).toHaveBeenCalledWith(user);
    expect(backend.calls[0].body).toEqual({ email: "ada@example.com", password: "secret-pass" });
    expect(screen.getByRole("link", { name: "Create an account" })).toHaveAttribute("href", "/signup");
  });
});
