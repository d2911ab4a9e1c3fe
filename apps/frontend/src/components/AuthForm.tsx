"use client";

import Link from "next/link";
import { useState, type FormEvent } from "react";
import { api, ApiError } from "@/lib/api";
import type { User } from "@/lib/types";

type Mode = "login" | "signup";

const COPY: Record<Mode, { title: string; submit: string; busy: string; switchText: string; switchLink: string; switchHref: string }> = {
  login: {
    title: "Log in",
    submit: "Log in",
    busy: "Logging in…",
    switchText: "New here?",
    switchLink: "Create an account",
    switchHref: "/signup",
  },
  signup: {
    title: "Create your account",
    submit: "Sign up",
    busy: "Creating account…",
    switchText: "Already have an account?",
    switchLink: "Log in",
    switchHref: "/login",
  },
};

export const MIN_PASSWORD_LENGTH = 8;

export function AuthForm({ mode, onSuccess }: { mode: Mode; onSuccess: (user: User) => void }) {
  const copy = COPY[mode];
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [displayName, setDisplayName] = useState("");
  const [error, setError] = useState<{ message: string; field: string | null } | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    if (!email.trim()) return setError({ message: "Enter your e-mail address.", field: "email" });
    if (mode === "signup" && password.length < MIN_PASSWORD_LENGTH)
      return setError({ message: `The password needs at least ${MIN_PASSWORD_LENGTH} characters.`, field: "password" });
    if (!password) return setError({ message: "Enter your password.", field: "password" });
    setBusy(true);
    try {
      const result =
        mode === "signup"
          ? await api.signup(email.trim(), password, displayName.trim() || undefined)
          : await api.login(email.trim(), password);
      onSuccess(result.user);
    } catch (e) {
      if (e instanceof ApiError) {
        const message = mode === "login" && e.status === 401 ? "Wrong e-mail or password." : e.message;
        setError({ message, field: e.field });
      } else {
        setError({ message: "Something went wrong. Try again.", field: null });
      }
      setBusy(false);
    }
  }

  const invalid = (field: string) => (error?.field === field ? true : undefined);
  const describedBy = (field: string) => (error?.field === field ? "auth-error" : undefined);

  return (
    <div className="auth-card">
      <h1>{copy.title}</h1>
      <form onSubmit={submit} noValidate aria-describedby={error ? "auth-error" : undefined}>
        {mode === "signup" && (
          <div className="field">
            <label htmlFor="displayName">Name (optional)</label>
            <input
              id="displayName"
              name="displayName"
              autoComplete="name"
              autoFocus
              value={displayName}
              onChange={(e) => setDisplayName(e.target.value)}
              aria-invalid={invalid("displayName")}
              aria-describedby={describedBy("displayName")}
            />
          </div>
        )}
        <div className="field">
          <label htmlFor="email">E-mail</label>
          <input
            id="email"
            name="email"
            type="email"
            autoComplete="email"
            required
            autoFocus={mode === "login"}
            value={email}
            onChange={(e) => setEmail(e.target.value)}
            aria-invalid={invalid("email")}
            aria-describedby={describedBy("email")}
          />
        </div>
        <div className="field">
          <label htmlFor="password">Password</label>
          <input
            id="password"
            name="password"
            type="password"
            autoComplete={mode === "signup" ? "new-password" : "current-password"}
            required
            minLength={mode === "signup" ? MIN_PASSWORD_LENGTH : undefined}
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            aria-invalid={invalid("password")}
            aria-describedby={[mode === "signup" ? "password-hint" : "", describedBy("password") ?? ""].join(" ").trim() || undefined}
          />
          {mode === "signup" && (
            <p id="password-hint" className="hint">
              At least {MIN_PASSWORD_LENGTH} characters.
            </p>
          )}
        </div>
        {error && (
          <p id="auth-error" className="form-error" role="alert">
            {error.message}
          </p>
        )}
        <button type="submit" className="btn btn-primary btn-block" disabled={busy}>
          {busy ? copy.busy : copy.submit}
        </button>
      </form>
      <p className="auth-switch">
        {copy.switchText} <Link href={copy.switchHref}>{copy.switchLink}</Link>
      </p>
    </div>
  );
}
