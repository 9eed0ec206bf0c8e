import { describe, expect, it } from "vitest";
import { authorizeCron } from "./cron-auth";

const SECRET = "a-cron-secret-of-some-length";

describe("authorizeCron", () => {
  it("accepts exactly `Bearer <secret>`", () => {
    expect(authorizeCron(`Bearer ${SECRET}`, SECRET)).toBe("ok");
  });

  it("refuses no header, another scheme, a wrong, longer or shorter secret", () => {
    for (const header of [
      null,
      "",
      SECRET,
      `Basic ${SECRET}`,
      "Bearer ",
      `Bearer ${SECRET}x`,
      `Bearer ${SECRET.slice(0, -1)}`,
      "Bearer wrong",
    ])
      expect(authorizeCron(header, SECRET), String(header)).toBe("unauthorized");
  });

  it("says the route is not configured when there is no secret, whatever is sent", () => {
    expect(authorizeCron(`Bearer ${SECRET}`, undefined)).toBe("unconfigured");
    expect(authorizeCron("Bearer ", "")).toBe("unconfigured");
  });
});
