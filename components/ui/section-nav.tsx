"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

export interface SectionLink {
  href: string;
  label: string;
}

/**
 * The tab row of an area (admin console, seller dashboard). The first link is the area's root and is
 * active only on that exact path; the others are active on their whole subtree.
 */
export function SectionNav({ label, links }: { label: string; links: readonly SectionLink[] }) {
  const pathname = usePathname();
  const root = links[0]?.href;
  return (
    <nav aria-label={label} className="flex flex-wrap gap-1 border-b border-slate-200 pb-2 text-sm">
      {links.map((link) => {
        const active = link.href === root ? pathname === root : pathname.startsWith(link.href);
        return (
          <Link
            key={link.href}
            href={link.href}
            aria-current={active ? "page" : undefined}
            className={`rounded-md px-3 py-2 ${active ? "bg-brand-50 font-medium text-brand-700" : "text-slate-700 hover:bg-slate-100"}`}
          >
            {link.label}
          </Link>
        );
      })}
    </nav>
  );
}
