import { Badge } from "@/components/ui/badge";

const variants: Record<string, "success" | "warning" | "destructive" | "secondary" | "outline"> = {
  active: "success",
  cooling: "warning",
  exhausted: "warning",
  invalid: "destructive",
  suspended: "destructive",
  banned: "destructive",
  revoked: "secondary",
  expired: "secondary",
  disabled: "secondary",
  paused: "secondary",
  retired: "secondary",
  public: "outline",
  private: "outline",
};

/** A state word (credential, user or key status, visibility) in its colour. */
export function StatusBadge({ status }: { status: string }) {
  return <Badge variant={variants[status] ?? "outline"}>{status}</Badge>;
}
