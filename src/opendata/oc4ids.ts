import { STATEMENTS, type StatementKind } from "../../reports/statements";
import type { Publication } from "../publication";
import type { WorkStatus } from "../shared/work-life";
import type { PublicUnitData, PublicWork } from "./gather";
import { DATA_LICENCE, dayStart, vnd, vnTime } from "./values";
import type { Oc4idsDocument, Oc4idsPackage, Oc4idsParty, Oc4idsProject } from "./wire";

// A unit's public works as an OC4IDS 0.9 project package: one project per work, built only from
// what its public page already shows (gather.ts), with the board's published inspections and
// findings in the `communityMonitoring` extension.

export const OC4IDS_VERSION = "0.9";

/** Our life of a work in OC4IDS's projectStatus codelist (closed). */
export const PROJECT_STATUS: Record<WorkStatus, Oc4idsProject["status"]> = {
  proposed: "identification",
  consulting: "preparation",
  approved: "preparation",
  in_progress: "implementation",
  completed: "completion",
  accepted: "completion",
  settled: "completion",
  cancelled: "cancelled",
};

// projectType is a closed codelist; a work records no type, so its name says it (Vietnamese words
// for repairing, widening, replacing), and anything else is new construction.
const TYPE_WORDS: [RegExp, Oc4idsProject["type"]][] = [
  [/sửa chữa|cải tạo|nâng cấp|tu bổ|khắc phục/i, "rehabilitation"],
  [/mở rộng/i, "expansion"],
  [/thay thế|thay mới/i, "replacement"],
];
export const projectType = (name: string): Oc4idsProject["type"] => TYPE_WORDS.find(([re]) => re.test(name))?.[1] ?? "construction";

// projectSector is an open codelist: the usual words of a work's category, and the category itself otherwise.
const SECTOR_WORDS: [RegExp, string[]][] = [
  [/giao thông|đường|cầu|cống/i, ["transport", "transport.road"]],
  [/thủy lợi|kênh|mương|nước/i, ["waterAndWaste"]],
  [/văn hóa|thể thao/i, ["cultureSportsAndRecreation"]],
  [/trường|giáo dục|mẫu giáo/i, ["education"]],
  [/y tế|trạm xá/i, ["health"]],
  [/điện|chiếu sáng/i, ["energy"]],
];
export const projectSector = (category: string): string[] => SECTOR_WORDS.find(([re]) => re.test(category))?.[1] ?? [category];

const SOURCE_NAMES: Record<string, string> = {
  state: "Ngân sách nhà nước (state budget)",
  commune: "Ngân sách xã (commune budget)",
  community: "Nhân dân đóng góp (community contributions)",
  sponsor: "Tài trợ (sponsors)",
  in_kind: "Hiện vật, ngày công (in kind)",
};

// Each published statement's documentType (an open codelist).
const DOCUMENT_TYPES: Record<string, string> = {
  "work-settlement": "financialProgressReport",
  "inspection-minutes": "minutes",
  "contribution-list": "financialProgressReport",
};

const DONE: WorkStatus[] = ["completed", "accepted", "settled"];

function statementDocuments(base: string, pubs: Publication[]): Oc4idsDocument[] {
  return pubs.flatMap((p) => {
    const common = { documentType: DOCUMENT_TYPES[p.kind] ?? "financialProgressReport", title: [STATEMENTS[p.kind as StatementKind]?.title.vi ?? p.kind, p.subject].filter(Boolean).join(" — "), datePublished: p.publishedAt ? vnTime(p.publishedAt) : undefined, language: "vi" };
    return [
      { id: `publication-${p.id}-pdf`, ...common, url: `${base}/api/v1/public/publications/${p.id}.pdf`, format: "application/pdf", description: `Mã xác minh ${p.code} (verify: ${base}/verify/${p.code})` },
      { id: `publication-${p.id}-xlsx`, ...common, url: `${base}/api/v1/public/publications/${p.id}.xlsx`, format: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" },
    ];
  });
}

function project(d: PublicUnitData, prefix: string, base: string, w: PublicWork): Oc4idsProject {
  const v = w.view;
  const unitRef = { id: `unit-${d.unit.id}`, name: d.unit.name };
  const parties: Oc4idsParty[] = [{ ...unitRef, roles: ["publicAuthority", "buyer"], address: { locality: d.unit.name, region: d.parent?.name, countryName: "Việt Nam" } }];
  if (d.parent) parties.push({ id: `unit-${d.parent.id}`, name: d.parent.name, roles: v.funding.some((f) => f.source === "commune") ? ["administrativeEntity", "funder"] : ["administrativeEntity"] });
  if (v.funding.some((f) => f.source === "community" || f.source === "in_kind")) parties.push({ id: `community-${d.unit.id}`, name: `Cộng đồng dân cư ${d.unit.name}`, roles: ["funder"] });
  const boards = [...new Set(v.inspections.map((i) => i.board?.name).filter((n): n is string => !!n))];
  boards.forEach((name, i) => parties.push({ id: `board-${i + 1}`, name, roles: ["reviewBody"] }));
  if (v.contractor) parties.push({ id: "contractor", name: v.contractor, roles: ["supplier"] });
  const payees = [...new Set(w.expenses.map((e) => e.payee).filter((p) => p !== "" && p !== v.contractor))];
  payees.forEach((name, i) => parties.push({ id: `payee-${i + 1}`, name, roles: ["payee"] }));
  const payeeRef = (name: string) => (name === v.contractor ? { id: "contractor", name } : name ? { id: `payee-${payees.indexOf(name) + 1}`, name } : undefined);

  const b = v.budget;
  const bySource = b.bySource.filter((s) => s.planned !== "0" || s.received !== "0").map((s) => ({
    id: s.source,
    description: `${SOURCE_NAMES[s.source] ?? s.source}: đã nhận (received) ${s.received} đồng`,
    amount: vnd(s.planned),
    ...(s.source === "commune" && d.parent ? { sourceParty: { id: `unit-${d.parent.id}`, name: d.parent.name } } : {}),
    ...(s.source === "community" || s.source === "in_kind" ? { sourceParty: { id: `community-${d.unit.id}`, name: `Cộng đồng dân cư ${d.unit.name}` } } : {}),
  }));
  const byCampaign = b.byCampaign.map((c) => ({
    id: `campaign-${c.campaignId}`,
    description: `${d.campaigns.get(c.campaignId)?.name ?? `Đợt vận động ${c.campaignId}`} (${SOURCE_NAMES[c.source] ?? c.source}): đã nhận (received) ${c.received} đồng`,
    amount: vnd(c.planned),
    sourceParty: { id: `community-${d.unit.id}`, name: `Cộng đồng dân cư ${d.unit.name}` },
  }));
  const breakdowns = [
    ...(bySource.length ? [{ id: "bySource", description: "Theo nguồn vốn (by funding source); amount: kế hoạch (planned)", budgetBreakdown: bySource }] : []),
    ...(byCampaign.length ? [{ id: "byCampaign", description: "Theo đợt vận động (by fundraising campaign); amount: kế hoạch (planned)", budgetBreakdown: byCampaign }] : []),
  ];

  const pageUrl = `${base}/u/${encodeURIComponent(d.unit.code)}/works/${v.id}`;
  const inspectionIds = new Set(v.inspections.map((i) => i.id));
  const campaignIds = new Set(b.byCampaign.map((c) => c.campaignId));
  const mine = d.publications.filter((p) => p.params.workId === v.id || (p.params.inspectionId !== undefined && inspectionIds.has(p.params.inspectionId)) || (p.kind === "contribution-list" && p.params.campaignId !== undefined && campaignIds.has(p.params.campaignId)));
  const documents: Oc4idsDocument[] = [
    { id: "public-page", documentType: "projectScope", title: v.name, url: pageUrl, format: "text/html", language: "vi" },
    ...statementDocuments(base, mine),
    ...v.progressUpdates.flatMap((u, i) => u.photos.map((url, j) => ({ id: `progress-${i + 1}-photo-${j + 1}`, documentType: "illustration", title: `Ảnh tiến độ ${u.percent}% ngày ${u.date}`, url: `${base}${url}`, datePublished: dayStart(u.date) }))),
    ...v.consultations.flatMap((c) => c.documents.map((doc) => ({ id: `consultation-${c.id}-document-${doc.id}`, documentType: "hearingNotice", title: c.question, url: `${base}${doc.url}`, format: doc.mime }))),
    ...v.transitions.filter((t) => t.decision).map((t, i) => ({ id: `decision-${i + 1}`, documentType: "budgetApproval", title: `Biên bản họp ${t.decision!.minutesRef}`, description: `${t.decision!.householdsAgreeing}/${t.decision!.householdsTotal} hộ đồng ý`, datePublished: dayStart(t.decision!.date) })),
  ];

  const t = b.totals;
  const physical = v.progressUpdates.length
    ? v.progressUpdates.map((u, i) => ({ id: `physical-${i + 1}`, period: { endDate: dayStart(u.date) }, measure: u.percent, unit: { name: "percent" }, ...(u.note ? { description: u.note } : {}) }))
    : [{ id: "physical-now", period: { endDate: vnTime(d.at) }, measure: v.progress, unit: { name: "percent" } }];
  const now = { endDate: vnTime(d.at) };
  const done = DONE.includes(v.status);
  const out: Oc4idsProject = {
    id: `${prefix}${d.unit.code}-${v.number}`,
    updated: vnTime(d.at),
    language: "vi",
    identifiers: [{ id: String(v.id), scheme: "work" }],
    title: v.name,
    ...(v.description ? { description: v.description } : {}),
    status: PROJECT_STATUS[v.status],
    type: projectType(v.name),
    sector: projectSector(v.category),
    publicAuthority: unitRef,
    parties,
    locations: [{ id: "1", description: v.location, address: { locality: d.unit.name, region: d.parent?.name, countryName: "Việt Nam" } }],
    budget: { description: "Dự toán (estimate) của công trình", amount: vnd(t.planned), ...(breakdowns.length ? { budgetBreakdowns: breakdowns } : {}) },
    period: { startDate: dayStart(v.plannedStart), endDate: dayStart(v.plannedEnd) },
    ...(v.actualStart ? { implementationPeriod: { startDate: dayStart(v.actualStart), ...(v.actualEnd ? { endDate: dayStart(v.actualEnd) } : {}) } } : {}),
    ...(done ? { completion: { ...(v.actualEnd ? { endDate: dayStart(v.actualEnd) } : {}), finalValue: vnd(t.spent), finalValueDetails: `Chi phí đã phát sinh (costs incurred); đã trả (paid) ${t.paid}, còn nợ (owed) ${t.owed} đồng` } } : {}),
    metrics: [
      { id: "physicalProgress", title: "Tiến độ thi công (physical progress, %)", observations: physical },
      {
        id: "financialProgress",
        title: "Tiến độ tài chính (financial progress)",
        observations: [
          { id: "received", period: now, value: vnd(t.received), measure: "Đã nhận (received)" },
          { id: "spent", period: now, value: vnd(t.spent), measure: "Đã chi phí (spent)" },
          { id: "paid", period: now, value: vnd(t.paid), measure: "Đã trả (paid)" },
          { id: "owed", period: now, value: vnd(t.owed), measure: "Còn nợ (owed)" },
        ],
      },
    ],
    documents,
    ...(w.expenses.length
      ? { transactions: w.expenses.map((e, i) => ({ id: e.voucherNo ?? `entry-${i + 1}`, source: pageUrl, date: dayStart(e.date), value: vnd(e.amount), payer: unitRef, ...(payeeRef(e.payee) ? { payee: payeeRef(e.payee) } : {}), description: e.description })) }
      : {}),
    ...(v.consultations.length
      ? {
          social: {
            consultationMeetings: v.consultations.map((c) => ({
              id: `consultation-${c.id}`,
              date: vnTime(c.opensAt),
              numberOfParticipants: c.result ? c.result.opinions : c.tally.agree + c.tally.disagree + c.tally.abstain,
              // extension fields: what was asked, when it closed, what came of it (counts only)
              title: c.question,
              endDate: vnTime(c.closesAt),
              status: c.status,
              tally: c.tally,
              outcome: c.result?.outcome ?? null,
              url: `${base}/consultations/${c.id}`,
            })),
          },
        }
      : {}),
    communityMonitoring: {
      findings: v.findings,
      inspections: v.inspections.map((i) => ({
        id: `inspection-${i.id}`,
        date: dayStart(i.date),
        board: i.board,
        membersPresent: i.membersPresent,
        checklist: i.checklist,
        publishedAt: i.publishedAt ? vnTime(i.publishedAt) : null,
        findings: i.findings.map((f) => ({
          id: `finding-${f.id}`, category: f.category, severity: f.severity, description: f.description, recommendation: f.recommendation,
          addressedTo: f.addressedTo, dueDate: dayStart(f.dueDate), status: f.status, escalatedTo: f.escalatedTo, overdue: f.overdue,
          history: f.transitions.map((x) => ({ from: x.from, to: x.to, text: x.text, at: vnTime(x.at) })),
        })),
        addenda: i.addenda.map((a) => ({ text: a.text, at: vnTime(a.at) })),
      })),
    },
  };
  return out;
}

/** The package; `base`: PUBLIC_BASE_URL, `prefix`: OC4IDS_PREFIX. */
export function oc4idsPackage(d: PublicUnitData, prefix: string, base: string): Oc4idsPackage {
  return {
    uri: `${base}/api/v1/public/units/${d.unit.id}/oc4ids.json`,
    version: OC4IDS_VERSION,
    publishedDate: vnTime(d.at),
    publisher: { name: d.unit.name, uri: `${base}/u/${encodeURIComponent(d.unit.code)}` },
    license: DATA_LICENCE.path,
    publicationPolicy: `${base}/u/${encodeURIComponent(d.unit.code)}`,
    projects: d.works.map((w) => project(d, prefix, base, w)),
  };
}
