"""Help's "From afar" page: earbuds, media keys, a phone, a foot pedal or a presenter remote,
and the desktop's global shortcuts where it has them. Translated paragraph by paragraph."""

from __future__ import annotations

from psoas_timer.i18n import _

__all__ = ["from_afar_html"]


def _row(keys: str, what: str) -> str:
    return f"<tr><td style='padding:3px 18px 3px 0'>{keys}</td><td>{what}</td></tr>"


def from_afar_html(shortcuts: str = "") -> str:
    """The page, and after it what the desktop offers of global shortcuts (*shortcuts*, the
    app's own HTML)."""
    parts = [
        "<p>{}</p>".format(
            _(
                "Lying on a ball or on the mat, you need not reach the keyboard. Whatever you "
                "press from afar is said aloud and shown in large letters (“Paused”, “Next: "
                "Psoas release, right side”, “Released at one minute forty”)."
            )
        ),
        "<h3>{}</h3>".format(_("Earbuds, headphones and media keys")),
        "<p>{}</p>".format(
            _(
                "Psoas Timer is a media player to your desktop (MPRIS). The play/pause button "
                "of Bluetooth earbuds or headphones, and the keyboard's media keys, work even "
                "while another window is in front: <b>play/pause</b> starts the open routine "
                "(with the same questions as Start), pauses and resumes; <b>next</b> goes to "
                "the next part, and during a hold that lasts until the point releases, it "
                "means <i>released</i> (press it twice before the hold's minimum); "
                "<b>previous</b> goes back; <b>stop</b> asks first (aloud too), and play/pause "
                "answers yes. Turn on <i>Remote stops at once</i> in the menu to stop without "
                "the question. The desktop's media controls (GNOME's and KDE's) show the step, "
                "the routine and the time."
            )
        ),
        "<h3>{}</h3>".format(_("A phone as a remote")),
        "<p>{}</p>".format(
            _(
                "KDE Connect (Plasma) and GSConnect (GNOME) turn a phone into a remote for "
                "media players, so for Psoas Timer too: pair the phone, open the media remote, "
                "pick Psoas Timer."
            )
        ),
        "<p>{}</p>".format(
            _(
                "From a terminal: <code>playerctl -p psoas_timer play-pause</code> (or "
                "<code>next</code>, <code>previous</code>, <code>stop</code>)."
            )
        ),
        "<h3>{}</h3>".format(_("A foot pedal or a presenter remote")),
        "<p>{}</p>".format(_("These send ordinary keys to the window in front (Psoas Timer):")),
        "<table>",
        _row(_("<b>Page Down</b> (or →)"), _("next part; Enter ends an open hold")),
        _row(_("<b>Page Up</b> (or ←)"), _("previous part")),
        _row(_("<b>B</b>, <b>.</b> or Space"), _("pause and resume")),
        "</table>",
        "<p>{}</p>".format(
            _(
                "Most presenter remotes send Page Down and Page Up for their arrows, and B or "
                ". for their “blank screen” button, so they work as they come. Set a USB foot "
                "pedal to send Page Down (one pedal), or Page Down and B (two pedals)."
            )
        ),
    ]
    return "".join(parts) + shortcuts
