namespace Descent;

/// <summary>
/// Something a user supplied (an expression, a spec, a file, a hyperparameter) is wrong. The message
/// names what and where, and is meant to be shown as it is; the CLI exits with code 2 on it.
/// </summary>
public class InputException(string message) : Exception(message);
