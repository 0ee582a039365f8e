import type { Paragraph, Report, Run, Section, Task } from '../schemas.js';

/** Everything the mock serves besides tokens. */
export interface EvrimDataset {
  reports: Map<number, Report>;
  runs: Map<number, Run>;
  tasks: Map<string, Task>;
  sections: Map<number, Section>;
  paragraphs: Map<number, Paragraph>;
}

/** `json.dumps` of a flat object with Python's default separators, as the server stores `event.input`. */
export function pythonJsonDumps<T extends { [K in keyof T]: string | number }>(value: T): string {
  return `{${Object.entries(value)
    .map(([k, v]) => `${JSON.stringify(k)}: ${JSON.stringify(v)}`)
    .join(', ')}}`;
}

function paragraph(id: number, sentences: string[]): Paragraph {
  return { id, title: null, sentences, images: null };
}

/** A fresh copy of the demo content: one finished report with its run, sections and paragraphs. */
export function demoDataset(): EvrimDataset {
  const paragraphs = [
    paragraph(1, [
      'Example Widgets LLC is a privately held manufacturer founded in 2011.',
      'Its founder remains the sole disclosed beneficial owner.',
    ]),
    paragraph(2, ['No parent company or subsidiaries appear in public filings.']),
    paragraph(3, [
      'The company sells modular widgets to regional distributors.',
      'Public sources list three product lines and a spare-parts service.',
    ]),
  ];
  const sections: Section[] = [
    {
      id: 1,
      title: 'Company Structure',
      paragraphs: paragraphs.slice(0, 2),
      sources: null,
      tone: 'ANALYTICAL',
      style: 'NARRATIVE',
      point_of_view: 'THIRD_PERSON',
    },
    {
      id: 2,
      title: 'Products and Services',
      paragraphs: paragraphs.slice(2),
      sources: ['https://widgets.example.com/products'],
      tone: 'ANALYTICAL',
      style: 'NARRATIVE',
      point_of_view: 'THIRD_PERSON',
    },
  ];
  const task: Task = {
    task_id: '3f0c7d52-9a41-4c1e-8f7b-2d6e5a9b0c11',
    event: {
      id: 1,
      input: pythonJsonDumps({
        url: 'https://widgets.example.com/',
        title: 'Example Widgets Report',
        description: 'Demo',
        style: 'NARRATIVE',
        tone: 'ANALYTICAL',
        point_of_view: 'THIRD_PERSON',
      }),
    },
    created_at: '2024-09-08T22:16:32.430678Z',
    status: 'C',
    created_by: 1,
  };
  const run: Run = {
    id: 1,
    tasks: [
      {
        id: 1,
        agent_role: 'Data Collection Agent',
        description: 'Collect the URLs that describe the company.',
        result: 'https://widgets.example.com/about',
        name: 'URL Collection Research',
        section_name: null,
      },
      {
        id: 2,
        agent_role: 'Research Writer',
        description: 'Write the Company Structure section.',
        result: 'Example Widgets LLC is a privately held manufacturer founded in 2011.',
        name: 'Company Structure',
        section_name: 'Company Structure',
      },
    ],
    result: 'Example Widgets LLC is a privately held widget manufacturer.',
  };
  const report: Report = {
    id: 1,
    report: { id: 1, task, title: 'Example Widgets Report', description: 'Demo', sections },
    crew_run: run,
    raw: ['Example Widgets LLC appears to be a single private limited liability company.'],
  };
  return {
    reports: new Map([[report.id, report]]),
    runs: new Map([[run.id, run]]),
    tasks: new Map([[task.task_id, task]]),
    sections: new Map(sections.map((s) => [s.id, s])),
    paragraphs: new Map(paragraphs.map((p) => [p.id, p])),
  };
}
