"use client";

import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { api } from "@/lib/api";
import { AuthForm } from "./AuthForm";

/** The log-in and sign-up screens; someone already logged in goes straight to their tasks. */
export function AuthPage({ mode }: { mode: "login" | "signup" }) {
  const router = useRouter();
  const [checking, setChecking] = useState(true);

  useEffect(() => {
    let active = true;
    api
      .me()
      .then(() => active && router.replace("/"))
      .catch(() => active && setChecking(false));
    return () => {
      active = false;
    };
  }, [router]);

  return (
    <main id="main" className="auth-page">
      <div className="brand brand-large" aria-hidden="true">
        <span className="brand-mark">✓</span> Todo
      </div>
      {checking ? (
        <p className="muted" role="status">
          Checking your session…
        </p>
      ) : (
        <AuthForm mode={mode} onSuccess={() => router.replace("/")} />
      )}
    </main>
  );
}
