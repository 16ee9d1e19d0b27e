namespace ControlPlane.Domain.Text;

/// <summary>How strict <see cref="TextRules"/> is with one kind of user-supplied text.</summary>
public enum TextKind
{
    /// <summary>
    /// Anything the database can store: no NUL and no unpaired UTF-16 surrogate. For free text Nova
    /// and Glance do not restrict (metadata values, image properties, filters, passwords).
    /// </summary>
    Storable,

    /// <summary>
    /// Nova's <c>description</c> format: printable characters only, i.e. no Unicode "C" category
    /// (control, format such as U+200B, private use, unassigned, surrogate) and no line or paragraph
    /// separator; spaces anywhere.
    /// </summary>
    Printable,

    /// <summary>Nova's <c>name</c> format: <see cref="Printable"/> and no leading or trailing whitespace.</summary>
    Name,
}
