import { dispositionFileName, fileErrorMessage } from '../evidence-files';

describe('fileErrorMessage', () => {
  it('reads the code and message the file routes answer with', () => {
    expect(fileErrorMessage(415, '{"code":"FILE_TYPE_REFUSED","message":"the content is HTML"}')).toEqual({ code: 'FILE_TYPE_REFUSED', message: 'The content is HTML' });
  });

  it('reads the gateway own { error } body too', () => {
    expect(fileErrorMessage(429, '{"error":"too many requests"}')).toEqual({ code: null, message: 'Too many requests' });
  });

  it('says a refused size in words when the body is not JSON', () => {
    expect(fileErrorMessage(413, '<html>too large</html>')).toEqual({ code: 'FILE_TOO_LARGE', message: 'The file is larger than the platform accepts.' });
    expect(fileErrorMessage(502, '')).toEqual({ code: null, message: 'The platform refused the file (HTTP 502).' });
  });
});

describe('dispositionFileName', () => {
  it('prefers the UTF-8 name of RFC 6266', () => {
    expect(dispositionFileName(`attachment; filename="Zugriffspr_fung.pdf"; filename*=UTF-8''Zugriffspr%C3%BCfung.pdf`)).toBe('Zugriffsprüfung.pdf');
  });

  it('reads a plain quoted or bare name, and nothing from an absent header', () => {
    expect(dispositionFileName('attachment; filename="review.pdf"')).toBe('review.pdf');
    expect(dispositionFileName('attachment; filename=review.pdf')).toBe('review.pdf');
    expect(dispositionFileName('attachment')).toBeNull();
    expect(dispositionFileName(null)).toBeNull();
  });
});
