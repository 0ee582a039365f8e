import type { Paragraph, Report, Run, RunTask, Section, Task } from '../schemas.js';
import type { EvrimDataset } from './demo-data.js';

/** The research form as the server stores it (`event.input`), defaults filled in. */
export interface ResearchInput {
  url: string;
  title: string;
  description: string;
  style: string;
  tone: string;
  point_of_view: string;
}

/** The sections the simulated crew writes, a subset of the nine the recorded report has. */
const SECTION_TITLES = ['Company Structure', 'Products and Services', 'Recent Events'] as const;

/**
 * What the real crew leaves behind when a research task completes, in the
 * recorded shapes: a crew run (a data-collection step, then one search step
 * per section, `section_name` set on those), a report whose `report.task` is
 * the submitted task, its sections and paragraphs, and one raw output per
 * section. Everything is added to `data`, so the lists and detail views show
 * it on the next read. Returns the new report.
 */
export function writeReport(data: EvrimDataset, task: Task, input: ResearchInput): Report {
  const host = hostOf(input.url);
  const id = nextId(data.reports);
  let paragraphId = nextId(data.paragraphs);
  let sectionId = nextId(data.sections);
  let runTaskId = nextRunTaskId(data.runs);
  const sections: Section[] = SECTION_TITLES.map((title) => {
    const paragraph: Paragraph = {
      id: paragraphId++,
      title: null,
      sentences: [
        `${title} of ${host}, as found on ${input.url}.`,
        `This section was written by the tokenwise Evrim simulator for "${input.title}".`,
      ],
      images: null,
    };
    data.paragraphs.set(paragraph.id, paragraph);
    const section: Section = {
      id: sectionId++,
      title,
      paragraphs: [paragraph],
      sources: [input.url],
      tone: input.tone,
      style: input.style,
      point_of_view: input.point_of_view,
    };
    data.sections.set(section.id, section);
    return section;
  });
  const steps: RunTask[] = [
    {
      id: runTaskId++,
      agent_role: 'Data Collection Agent',
      description: `\nCollect data from a website and ingest it: ${input.url}\n`,
      result: `New documents added: ${task.task_id}`,
      name: 'URL Collection Research',
      section_name: null,
    },
    ...SECTION_TITLES.map((title) => ({
      id: runTaskId++,
      agent_role: 'Vector Search Agent',
      description: `\nSearch the collected documents for the ${title} of ${host}.\n`,
      result: `${title} of ${host}.`,
      name: `${title} Search`,
      section_name: title,
    })),
  ];
  const run: Run = { id: nextId(data.runs), tasks: steps, result: `Research on ${host} is complete.` };
  data.runs.set(run.id, run);
  const report: Report = {
    id,
    report: { id, task, title: input.title, description: input.description, sections },
    crew_run: run,
    raw: SECTION_TITLES.map((title) => `${title} of ${host}, from ${input.url}.`),
  };
  data.reports.set(report.id, report);
  return report;
}

function hostOf(url: string): string {
  try {
    return new URL(url).hostname || url;
  } catch {
    return url;
  }
}

function nextId(items: Map<number, unknown>): number {
  return Math.max(0, ...items.keys()) + 1;
}

// Run steps are numbered across runs (the recorded runs list counts on from run to run).
function nextRunTaskId(runs: Map<number, Run>): number {
  return Math.max(0, ...[...runs.values()].flatMap((run) => run.tasks.map((step) => step.id))) + 1;
}
