/**
 * Markdown as authors write it: linkified bare addresses (as the seed has
 * them), sub-headings shifted under the workstream heading, and every reason
 * a body would not be published as written reported with its line.
 */
import { describe, expect, it } from 'vitest';
import { checkMarkdown } from '../../core/content/markdown.js';
import { renderInlineMarkdown, renderMarkdown } from '../../core/content/render-markdown.js';

describe('renderMarkdown', () => {
  it('links bare www. addresses and email addresses the way the seed bulletin writes them', () => {
    // Act
    const html = renderMarkdown('Go to www.mpa.gov.uk/committees/sop/2010/100701/09/ or write to dna@mpa.gov.uk.');

    // Assert
    expect(html).toBe(
      '<p>Go to <a href="http://www.mpa.gov.uk/committees/sop/2010/100701/09/">www.mpa.gov.uk/committees/sop/2010/100701/09/</a> or write to <a href="mailto:dna@mpa.gov.uk">dna@mpa.gov.uk</a>.</p>',
    );
  });

  it('turns an author\'s "##" into an h4 under the workstream\'s h3, never above it', () => {
    // Act
    const html = renderMarkdown('# Top\n\n## Specials\n\n### Detail\n\n###### Deep');

    // Assert
    expect(html).toBe('<h4>Top</h4>\n<h4>Specials</h4>\n<h5>Detail</h5>\n<h6>Deep</h6>');
  });

  it('keeps lists, emphasis, block quotes and hard line breaks', () => {
    // Act
    const html = renderMarkdown('- *one*\n- **two**\n\n> quoted\n\nLine,\\\nnext');

    // Assert
    expect(html).toBe('<ul>\n<li><em>one</em></li>\n<li><strong>two</strong></li>\n</ul>\n<blockquote>\n<p>quoted</p>\n</blockquote>\n<p>Line,<br />\nnext</p>');
  });

  it('renders one inline item without a wrapping paragraph', () => {
    expect(renderInlineMarkdown('See [the work](http://www.mpa.gov.uk/work/).')).toBe('See <a href="http://www.mpa.gov.uk/work/">the work</a>.');
  });
});

describe('checkMarkdown', () => {
  it('finds nothing wrong in plain Markdown with safe links', () => {
    expect(checkMarkdown('Text with [a link](https://example.org), <https://example.org/auto>, www.example.org and a@example.org.\n\n## Sub')).toEqual([]);
  });

  it('reports each unsafe thing once, with its 0-based line in the text', () => {
    // Act
    const problems = checkMarkdown('Fine.\n\n<div>\nblock\n</div>\n\n[x](javascript:alert(1)) and [x](javascript:alert(1))\n\n![alt](https://example.org/a.png)\n\n[y](data:text/html,hi)');

    // Assert
    expect(problems).toEqual([
      { line: 2, message: 'raw HTML is not allowed (<div>); use Markdown instead' },
      { line: 6, message: 'link "javascript:alert(1)" is not allowed; links must be absolute https:, http:, mailto: or tel: URLs' },
      { line: 8, message: 'images are not supported in updates; link to the image instead' },
      { line: 10, message: 'link "data:text/html,hi" is not allowed; links must be absolute https:, http:, mailto: or tel: URLs' },
    ]);
  });

  it('shortens a very long bad link in the message', () => {
    // Act
    const [problem] = checkMarkdown(`[x](javascript:${'a'.repeat(100)})`);

    // Assert
    expect(problem!.message).toMatch(/^link "javascript:a{46}…" is not allowed/);
  });
});

describe('tables', () => {
  it('mark header cells as column headers, for screen readers', () => {
    // Arrange
    const md = '| Borough | Officers |\n|---|---:|\n| Camden | 12 |\n';
    // Act
    const html = renderMarkdown(md);
    // Assert
    expect(html).toContain('<th scope="col">Borough</th>');
    expect(html).toContain('<td>Camden</td>');
    expect(html).not.toContain('style=');
  });
});
