"""PDF output through WeasyPrint with the bundled Liberation Serif (Vietnamese glyphs).

The fonts ship in emulation/static/fonts so every machine renders and embeds the same
face; templates declare them with the @font-face rules of ``FONT_FACE_CSS``.
"""

from pathlib import Path

from django.template.loader import render_to_string

FONT_DIR = Path(__file__).resolve().parent / "static" / "fonts"
FONT_FAMILY = "Thidua Serif"


def _face(style, weight, filename):
    return (
        f"@font-face {{ font-family: '{FONT_FAMILY}'; font-style: {style}; "
        f"font-weight: {weight}; src: url('{(FONT_DIR / filename).as_uri()}'); }}"
    )


FONT_FACE_CSS = "\n".join(
    [
        _face("normal", "normal", "LiberationSerif-Regular.ttf"),
        _face("normal", "bold", "LiberationSerif-Bold.ttf"),
        _face("italic", "normal", "LiberationSerif-Italic.ttf"),
        _face("italic", "bold", "LiberationSerif-BoldItalic.ttf"),
    ]
)


def html_to_pdf(html):
    # Imported here: WeasyPrint loads Pango, which only PDF output needs.
    from weasyprint import HTML
    from weasyprint.text.fonts import FontConfiguration

    font_config = FontConfiguration()
    return HTML(string=html, base_url=str(FONT_DIR)).write_pdf(font_config=font_config)


def render_pdf(template_name, context):
    context = {**context, "font_face_css": FONT_FACE_CSS, "font_family": FONT_FAMILY}
    return html_to_pdf(render_to_string(template_name, context))
