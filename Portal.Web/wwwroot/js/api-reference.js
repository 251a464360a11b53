// Starts the Scalar API reference (see api-reference.html): the configuration Scalar.AspNetCore would write inline.
import { initialize } from '/scalar/scalar.aspnetcore.js';

initialize(
    '%2Fscalar%2Fv1',
    false,
    { _integration: 'dotnet', withDefaultFonts: false, sources: [{ title: 'v1', url: '/openapi/v1.json' }] },
    '');
